using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace Libromi.Connect.Server.Api;

/// <summary>
/// Says what is wrong with a request body the serializer could not read. It goes by the exception's shape and the
/// endpoint's request type, never by the serializer's wording, which changes between versions.
/// </summary>
public static class MalformedJson
{
    public static ValidationProblemDetails MalformedText(MalformedTextException text)
    {
        var field = text.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
        var message = $"'{field}' contains an unpaired UTF-16 surrogate; send well-formed Unicode text.";
        return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = 422,
            Title = "Validation failed",
            Detail = message,
        };
    }

    public static ProblemDetails Describe(JsonException json, Type? requestType)
    {
        var where = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "the request body" : $"'{json.Path}'";
        var reason = json switch
        {
            JsonReasonException ours => ours.Reason,
            // The reader's own account of the syntax error, with its line and position.
            { InnerException: JsonException reader } => reader.Message.TrimEnd('.'),
            _ when IsUnknownField(json.Path, requestType) => "this field is not part of the request; check its spelling against the API reference",
            _ => "the value has the wrong JSON type for this field",
        };
        return new ProblemDetails
        {
            Status = 400,
            Title = "Malformed JSON",
            Detail = $"Could not read {where}: {reason}.",
            Extensions = { ["field"] = json.Path },
        };
    }

    /// <summary>True when the path names a top-level field the request type does not have.</summary>
    private static bool IsUnknownField(string? path, Type? requestType)
    {
        var name = path switch
        {
            ['$', '.', .. var rest] when rest.IndexOfAny(['.', '[']) < 0 => rest,
            ['$', '[', '\'', .. var rest, '\'', ']'] => rest,
            _ => null,
        };
        return name is not null && requestType is not null
            && !ApiJson.Options.GetTypeInfo(requestType).Properties.Any(p => p.Name == name);
    }
}
