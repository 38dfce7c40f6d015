using Libromi.Connect.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Libromi.Connect.Server.Chatbots;

/// <summary><c>/api/v1/chatbots</c>: keyword-triggered automatic replies.</summary>
public static class ChatbotsApi
{
    public static RouteGroupBuilder MapChatbotsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/chatbots").WithTags("Chatbots");
        group.MapPost("/", Create).Idempotent<CreateChatbotRequest>();
        group.MapGet("/{id}", Get);
        group.MapGet("/", List);
        group.MapPatch("/{id}", Update);
        group.MapDelete("/{id}", Delete);
        return api;
    }

    private static async Task<Results<Created<Chatbot>, ValidationFailed>> Create(CreateChatbotRequest request, [AsParameters] ChatbotServices s)
    {
        if (ChatbotValidation.Create(request, out var valid) is { } errors)
        {
            return new ValidationFailed(errors);
        }
        var chatbot = await s.Chatbots.CreateAsync(Idempotency.Scope(s.Http), s.Caller.AccountId, valid, s.CancellationToken);
        return TypedResults.Created(default(string), chatbot);
    }

    private static async Task<Results<Ok<Chatbot>, NotFoundProblem>> Get(string id, [AsParameters] ChatbotServices s) =>
        await s.Chatbots.FindAsync(s.Caller.AccountId, id, s.CancellationToken) is { } chatbot
            ? TypedResults.Ok(chatbot)
            : new NotFoundProblem("chatbot", id);

    private static async Task<Results<Ok<Page<Chatbot>>, ValidationFailed>> List(string? limit, string? cursor, [AsParameters] ChatbotServices s) =>
        PageRequest.Parse(limit, cursor, "cbt", out var page) is { } errors
            ? new ValidationFailed(errors)
            : TypedResults.Ok(await s.Chatbots.ListAsync(s.Caller.AccountId, page, s.CancellationToken));

    private static async Task<Results<Ok<Chatbot>, ValidationFailed, NotFoundProblem>> Update(string id, UpdateChatbotRequest request, [AsParameters] ChatbotServices s)
    {
        if (ChatbotValidation.Update(request, out var valid) is { } errors)
        {
            return new ValidationFailed(errors);
        }
        return await s.Chatbots.UpdateAsync(s.Caller.AccountId, id, valid, s.CancellationToken) is { } chatbot
            ? TypedResults.Ok(chatbot)
            : new NotFoundProblem("chatbot", id);
    }

    private static async Task<Results<NoContent, NotFoundProblem>> Delete(string id, [AsParameters] ChatbotServices s) =>
        await s.Chatbots.DeleteAsync(s.Caller.AccountId, id, s.CancellationToken)
            ? TypedResults.NoContent()
            : new NotFoundProblem("chatbot", id);
}
