namespace Libromi.Connect.Client.Http;

/// <summary>Body of <c>POST /webhooks/{id}/recover</c>.</summary>
internal sealed record RecoverRequest(DateTimeOffset Since);
