using System.Text.Json.Serialization;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Client.Http;

/// <summary>
/// The API's JSON conventions, generated at build time: snake_case names, and null request fields left out because
/// the API reads an absent field as "keep the current value". Unknown response fields are skipped so that a newer
/// server does not break an older client. Events are read by the receiver library's parser, as a webhook is.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(WebhookEventConverter)])]
[JsonSerializable(typeof(CreateApiKeyRequest))]
[JsonSerializable(typeof(Account))]
[JsonSerializable(typeof(UpdateAccountRequest))]
[JsonSerializable(typeof(ApiKey))]
[JsonSerializable(typeof(PageResponse<ApiKey>))]
[JsonSerializable(typeof(CreateContactRequest))]
[JsonSerializable(typeof(UpdateContactRequest))]
[JsonSerializable(typeof(Contact))]
[JsonSerializable(typeof(PageResponse<Contact>))]
[JsonSerializable(typeof(ContactErasure))]
[JsonSerializable(typeof(PageResponse<ContactErasure>))]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(InboundMessageRequest))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(PageResponse<Message>))]
[JsonSerializable(typeof(CreateChatbotRequest))]
[JsonSerializable(typeof(UpdateChatbotRequest))]
[JsonSerializable(typeof(Chatbot))]
[JsonSerializable(typeof(PageResponse<Chatbot>))]
[JsonSerializable(typeof(CreateWebhookRequest))]
[JsonSerializable(typeof(UpdateWebhookRequest))]
[JsonSerializable(typeof(Webhook))]
[JsonSerializable(typeof(WebhookAuth))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(PageResponse<Webhook>))]
[JsonSerializable(typeof(WebhookSigningSecret))]
[JsonSerializable(typeof(WebhookTestResult))]
[JsonSerializable(typeof(WebhookFilterTestRequest))]
[JsonSerializable(typeof(WebhookFilterTestResult))]
[JsonSerializable(typeof(RecoverRequest))]
[JsonSerializable(typeof(RecoverResponse))]
[JsonSerializable(typeof(WebhookEvent))]
[JsonSerializable(typeof(PageResponse<WebhookEvent>))]
[JsonSerializable(typeof(PageResponse<EventType>))]
[JsonSerializable(typeof(Delivery))]
[JsonSerializable(typeof(PageResponse<Delivery>))]
[JsonSerializable(typeof(StartListenRequest))]
[JsonSerializable(typeof(ListenSession))]
[JsonSerializable(typeof(RelayedDelivery))]
[JsonSerializable(typeof(ListenResult))]
internal sealed partial class ClientJsonContext : JsonSerializerContext;
