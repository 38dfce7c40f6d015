using Libromi.Connect.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Libromi.Connect.Server.Messages;

/// <summary><c>/api/v1/messages</c> and the channel's <c>/api/v1/inbound/messages</c>.</summary>
public static class MessagesApi
{
    public static RouteGroupBuilder MapMessagesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/messages", Send).WithTags("Messages").Idempotent<SendMessageRequest>();
        api.MapGet("/messages", List).WithTags("Messages");
        api.MapPost("/inbound/messages", Receive).WithTags("Messages").Idempotent<InboundMessageRequest>();
        return api;
    }

    private static async Task<Results<Created<Message>, ValidationFailed, NotFoundProblem>> Send(SendMessageRequest request, [AsParameters] MessageServices s)
    {
        if (MessageValidation.Send(request, out var valid) is { } errors)
        {
            return new ValidationFailed(errors);
        }
        return await s.Messages.SendAsync(Idempotency.Scope(s.Http), s.Caller.AccountId, valid, s.CancellationToken) is { } message
            ? TypedResults.Created(default(string), message)
            : new NotFoundProblem("contact", valid.ContactId!);
    }

    private static async Task<Results<Created<Message>, ValidationFailed>> Receive(InboundMessageRequest request, [AsParameters] MessageServices s)
    {
        if (MessageValidation.Receive(request, s.Caller.DefaultRegion, out var valid) is { } errors)
        {
            return new ValidationFailed(errors);
        }
        var message = await s.Messages.ReceiveAsync(Idempotency.Scope(s.Http), s.Caller.AccountId, valid.From!, valid.Name, valid.Content!, s.CancellationToken);
        return TypedResults.Created(default(string), message);
    }

    private static async Task<Results<Ok<Page<Message>>, ValidationFailed>> List([FromQuery(Name = "contact_id")] string? contactId, string? limit, string? cursor,
        [AsParameters] MessageServices s) =>
        PageRequest.Parse(limit, cursor, "msg", out var page) is { } errors
            ? new ValidationFailed(errors)
            : TypedResults.Ok(await s.Messages.ListAsync(s.Caller.AccountId, contactId, page, s.CancellationToken));
}
