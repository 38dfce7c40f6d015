using Libromi.Connect.Server.Api;

namespace Libromi.Connect.Server.Chatbots;

/// <summary>What a chatbot's fields must be. Each check answers the errors by field, or null with the request normalised.</summary>
public static class ChatbotValidation
{
    public const int MaxNameLength = 200;
    public const int MaxKeywords = 50;
    public const int MaxKeywordLength = 100;
    private static readonly string[] Matches = ["contains", "exact"];

    public static Dictionary<string, string[]>? Create(CreateChatbotRequest request, out CreateChatbotRequest valid)
    {
        var validator = new Validator();
        var name = validator.Text("name", request.Name, required: true, MaxNameLength);
        var keywords = Keywords(validator, request.Keywords, required: true);
        var match = Match(validator, request.Match) ?? "contains";
        var reply = validator.Text("reply", request.Reply, required: true, Messages.MessageValidation.MaxContentLength);
        valid = new CreateChatbotRequest(name, keywords, match, reply, request.Enabled ?? true);
        return validator.Errors();
    }

    /// <summary>Absent fields stay null; present ones must not be empty.</summary>
    public static Dictionary<string, string[]>? Update(UpdateChatbotRequest request, out UpdateChatbotRequest valid)
    {
        var validator = new Validator();
        var name = validator.Text("name", request.Name, required: false, MaxNameLength);
        if (name is { Length: 0 })
        {
            validator.Add("name", "'name' must not be empty.");
        }
        var keywords = Keywords(validator, request.Keywords, required: false);
        var match = Match(validator, request.Match);
        var reply = validator.Text("reply", request.Reply, required: false, Messages.MessageValidation.MaxContentLength);
        if (reply is { Length: 0 })
        {
            validator.Add("reply", "'reply' must not be empty.");
        }
        valid = new UpdateChatbotRequest(name, keywords, match, reply, request.Enabled);
        return validator.Errors();
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
            result[i] = validator.Text($"keywords[{i}]", keywords[i], required: true, MaxKeywordLength) ?? "";
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
