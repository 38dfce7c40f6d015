using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Contacts;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Messages;

/// <summary><c>/api/v1/messages</c> and the channel's <c>/api/v1/inbound/messages</c>.</summary>
public static class MessagesApi
{
    public static RouteGroupBuilder MapMessagesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/messages", Send).WithTags("Messages").Produces<Message>(StatusCodes.Status201Created);
        api.MapGet("/messages", List).WithTags("Messages");
        api.MapPost("/inbound/messages", Receive).WithTags("Messages").Produces<Message>(StatusCodes.Status201Created);
        return api;
    }

    private static Task<IResult> Send(SendMessageRequest request, Caller caller, HttpContext http, Idempotency idempotency, MessageService messages)
    {
        var validator = new Validator();
        var contactId = validator.Text("contact_id", request.ContactId, required: true, 64);
        var content = validator.Text("content", request.Content, required: true, MessageService.MaxContentLength, trim: false);
        if (request.Type is not null and not "text")
        {
            validator.Add("type", $"'type' must be \"text\"; '{request.Type}' is not a supported message type.");
        }
        if (content is { Length: > 0 } && content.Trim().Length == 0)
        {
            validator.Add("content", "'content' must not be blank.");
        }
        validator.ThrowIfInvalid();
        return idempotency.RunAsync(http, caller, request, StatusCodes.Status201Created, async (scope, ct) =>
        {
            var contact = await ContactStore.FindAsync(scope.Connection, scope.Transaction, caller.AccountId, contactId!, ct)
                ?? throw ApiException.NotFound("contact", contactId!);
            return await messages.SendAsync(scope, caller.AccountId, contact, content!, ct);
        });
    }

    private static Task<IResult> Receive(InboundMessageRequest request, Caller caller, HttpContext http, Idempotency idempotency, MessageService messages)
    {
        var validator = new Validator();
        var phone = PhoneNumber.Validate(validator, "from", request.From);
        var name = validator.Text("name", request.Name, required: false, ContactService.MaxNameLength);
        var content = validator.Text("content", request.Content, required: true, MessageService.MaxContentLength, trim: false);
        if (content is { Length: > 0 } && content.Trim().Length == 0)
        {
            validator.Add("content", "'content' must not be blank.");
        }
        validator.ThrowIfInvalid();
        return idempotency.RunAsync(http, caller, request, StatusCodes.Status201Created,
            async (scope, ct) => await messages.ReceiveAsync(scope, caller.AccountId, phone!, name is { Length: > 0 } ? name : null, content!, ct));
    }

    private static async Task<Page<Message>> List(Caller caller, Database database, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "contact_id")] string? contactId, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.Parse(limit, cursor, "msg");
        await using var connection = await database.OpenAsync(cancellationToken);
        return await MessageStore.ListAsync(connection, caller.AccountId, contactId, page, cancellationToken);
    }
}
