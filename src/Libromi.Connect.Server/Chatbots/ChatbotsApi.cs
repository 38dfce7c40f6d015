using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Chatbots;

/// <summary><c>/api/v1/chatbots</c>: keyword-triggered automatic replies.</summary>
public static class ChatbotsApi
{
    public const int MaxKeywords = 50;
    public const int MaxKeywordLength = 100;
    private static readonly string[] Matches = ["contains", "exact"];

    public static RouteGroupBuilder MapChatbotsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/chatbots").WithTags("Chatbots");
        group.MapPost("/", Create).Produces<Chatbot>(StatusCodes.Status201Created);
        group.MapGet("/{id}", Get);
        group.MapGet("/", List);
        group.MapPatch("/{id}", Update);
        group.MapDelete("/{id}", Delete);
        return api;
    }

    private static Task<IResult> Create(CreateChatbotRequest request, Caller caller, HttpContext http, Idempotency idempotency, IdGenerator ids, TimeProvider time)
    {
        var validator = new Validator();
        var name = validator.Text("name", request.Name, required: true, 200);
        var keywords = Keywords(validator, request.Keywords, required: true);
        var match = Match(validator, request.Match) ?? "contains";
        var reply = validator.Text("reply", request.Reply, required: true, Messages.MessageService.MaxContentLength);
        validator.ThrowIfInvalid();
        return idempotency.RunAsync(http, caller, request, StatusCodes.Status201Created, async (scope, ct) =>
        {
            var now = time.GetUtcNow();
            var chatbot = new Chatbot(ids.New("cbt"), name!, keywords!, match, reply!, request.Enabled ?? true, now, now);
            await ChatbotStore.SaveAsync(scope, caller.AccountId, chatbot, isNew: true, ct);
            return chatbot;
        });
    }

    private static async Task<Chatbot> Get(string id, Caller caller, Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ChatbotStore.FindAsync(connection, null, caller.AccountId, id, cancellationToken) ?? throw ApiException.NotFound("chatbot", id);
    }

    private static async Task<Page<Chatbot>> List(Caller caller, Database database, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        var page = PageRequest.Parse(limit, cursor, "cbt");
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ChatbotStore.ListAsync(connection, caller.AccountId, page, cancellationToken);
    }

    private static async Task<Chatbot> Update(string id, UpdateChatbotRequest request, Caller caller, Database database, TimeProvider time, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var name = validator.Text("name", request.Name, required: false, 200);
        if (name is { Length: 0 })
        {
            validator.Add("name", "'name' must not be empty.");
        }
        var keywords = Keywords(validator, request.Keywords, required: false);
        var match = Match(validator, request.Match);
        var reply = validator.Text("reply", request.Reply, required: false, Messages.MessageService.MaxContentLength);
        if (reply is { Length: 0 })
        {
            validator.Add("reply", "'reply' must not be empty.");
        }
        validator.ThrowIfInvalid();
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        var current = await ChatbotStore.FindAsync(scope.Connection, scope.Transaction, caller.AccountId, id, cancellationToken)
            ?? throw ApiException.NotFound("chatbot", id);
        var updated = current with
        {
            Name = name ?? current.Name,
            Keywords = keywords ?? current.Keywords,
            Match = match ?? current.Match,
            Reply = reply ?? current.Reply,
            Enabled = request.Enabled ?? current.Enabled,
            UpdatedAt = time.GetUtcNow(),
        };
        await ChatbotStore.SaveAsync(scope, caller.AccountId, updated, isNew: false, cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return updated;
    }

    private static async Task<IResult> Delete(string id, Caller caller, Database database, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        if (!await ChatbotStore.DeleteAsync(scope, caller.AccountId, id, cancellationToken))
        {
            throw ApiException.NotFound("chatbot", id);
        }
        await scope.CommitAsync(cancellationToken);
        return Results.NoContent();
    }

    private static string[]? Keywords(Validator validator, string[]? keywords, bool required)
    {
        if (keywords is null)
        {
            if (required)
            {
                validator.Add("keywords", "'keywords' is required: a list of words or phrases, such as [\"hours\", \"open\"].");
            }
            return null;
        }
        if (keywords.Length is 0 or > MaxKeywords)
        {
            validator.Add("keywords", $"'keywords' must hold from 1 to {MaxKeywords} entries.");
            return null;
        }
        var result = new string[keywords.Length];
        for (var i = 0; i < keywords.Length; i++)
        {
            var keyword = validator.Text($"keywords[{i}]", keywords[i], required: true, MaxKeywordLength);
            result[i] = keyword ?? "";
        }
        return result;
    }

    private static string? Match(Validator validator, string? match)
    {
        if (match is not null && !Matches.Contains(match))
        {
            validator.Add("match", $"'match' must be one of {string.Join(", ", Matches.Select(m => $"\"{m}\""))}; '{match}' is not.");
            return null;
        }
        return match;
    }
}
