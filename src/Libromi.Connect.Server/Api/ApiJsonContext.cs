using System.Text.Json.Serialization;
using Libromi.Connect.Server.Chatbots;
using Libromi.Connect.Server.Contacts;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Events;
using Libromi.Connect.Server.Listen;
using Libromi.Connect.Server.Messages;
using Libromi.Connect.Server.Webhooks;
using Libromi.Connect.Server.Webhooks.Filters;
using Microsoft.AspNetCore.Mvc;

namespace Libromi.Connect.Server.Api;

/// <summary>
/// Compile-time metadata for every body the API reads or writes, so none is described by reflection at run time.
/// <see cref="ApiJson"/> puts it first and keeps reflection after it: a type missing here still works, only slower.
/// The conventions (snake_case, the converters, unknown fields rejected) come from the options it is used with.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(Libromi.Connect.Server.Accounts.CreateApiKeyRequest))]
[JsonSerializable(typeof(Libromi.Connect.Server.Accounts.Settings.UpdateAccountRequest))]
[JsonSerializable(typeof(Libromi.Connect.Server.Accounts.Settings.AccountView))]
[JsonSerializable(typeof(Libromi.Connect.Server.Contacts.PhoneCheck.PhoneCheckRequest))]
[JsonSerializable(typeof(Libromi.Connect.Server.Contacts.PhoneCheck.PhoneCheckReport))]
[JsonSerializable(typeof(Libromi.Connect.Server.Accounts.ApiKey))]
[JsonSerializable(typeof(Page<Libromi.Connect.Server.Accounts.ApiKey>))]
[JsonSerializable(typeof(Libromi.Connect.Server.Accounts.Admin.CreateAccountRequest))]
[JsonSerializable(typeof(Libromi.Connect.Server.Accounts.Admin.CreatedAccount))]
[JsonSerializable(typeof(Libromi.Connect.Server.Accounts.Account))]
[JsonSerializable(typeof(Page<Libromi.Connect.Server.Accounts.Account>))]
[JsonSerializable(typeof(Libromi.Connect.Server.Accounts.Portal.PortalSessionRequest))]
[JsonSerializable(typeof(Libromi.Connect.Server.Accounts.Portal.PortalSession))]
[JsonSerializable(typeof(Libromi.Connect.Server.Hosting.Health.HealthAnswer))]
[JsonSerializable(typeof(CreateContactRequest))]
[JsonSerializable(typeof(UpdateContactRequest))]
[JsonSerializable(typeof(Contact))]
[JsonSerializable(typeof(Page<Contact>))]
[JsonSerializable(typeof(Libromi.Connect.Server.Contacts.Erasure.ContactErasure))]
[JsonSerializable(typeof(Page<Libromi.Connect.Server.Contacts.Erasure.ContactErasure>))]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(InboundMessageRequest))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(Page<Message>))]
[JsonSerializable(typeof(CreateChatbotRequest))]
[JsonSerializable(typeof(UpdateChatbotRequest))]
[JsonSerializable(typeof(Chatbot))]
[JsonSerializable(typeof(Page<Chatbot>))]
[JsonSerializable(typeof(CreateWebhookRequest))]
[JsonSerializable(typeof(UpdateWebhookRequest))]
[JsonSerializable(typeof(RecoverWebhookRequest))]
[JsonSerializable(typeof(RecoverWebhookResponse))]
[JsonSerializable(typeof(TestWebhookResponse))]
[JsonSerializable(typeof(WebhookSecretResponse))]
[JsonSerializable(typeof(FilterTestRequest))]
[JsonSerializable(typeof(FilterTestResponse))]
[JsonSerializable(typeof(Webhook))]
[JsonSerializable(typeof(Page<Webhook>))]
[JsonSerializable(typeof(DeliveryView))]
[JsonSerializable(typeof(Stats.StatsView))]
[JsonSerializable(typeof(Page<DeliveryView>))]
[JsonSerializable(typeof(Page<EventsApi.EventTypeView>))]
[JsonSerializable(typeof(StartListenRequest))]
[JsonSerializable(typeof(ListenResultRequest))]
[JsonSerializable(typeof(ListenSession))]
[JsonSerializable(typeof(RelayedDelivery))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
[JsonSerializable(typeof(ValidationProblemDetails))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
