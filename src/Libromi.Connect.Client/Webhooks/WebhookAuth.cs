using System.Text.Json.Serialization;

namespace Libromi.Connect.Client;

/// <summary>
/// How a webhook's endpoint authenticates the deliveries it receives, for <see cref="CreateWebhookRequest.Auth"/> and
/// <see cref="UpdateWebhookRequest.Auth"/>: one of <see cref="BasicWebhookAuth"/>, <see cref="BearerWebhookAuth"/>,
/// <see cref="OAuth2WebhookAuth"/> and <see cref="MtlsWebhookAuth"/>. Its secrets are write-only: reads answer
/// <see cref="WebhookAuthInfo"/>, with hints in their place.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(BasicWebhookAuth), "basic")]
[JsonDerivedType(typeof(BearerWebhookAuth), "bearer")]
[JsonDerivedType(typeof(OAuth2WebhookAuth), "oauth2")]
[JsonDerivedType(typeof(MtlsWebhookAuth), "mtls")]
public abstract record WebhookAuth;
