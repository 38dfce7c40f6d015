using System.Text.Json;
using Libromi.Connect.Webhooks.Json;

namespace Libromi.Connect.Server.Api;

/// <summary>Collects every field error of one request so the answer names them all at once.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
    }

    /// <summary>Checks a user-supplied text field; returns the trimmed value when it is valid.</summary>
    public string? Text(string field, string? value, bool required, int maxLength, bool trim = true)
    {
        if (value is null)
        {
            if (required)
            {
                Add(field, $"'{field}' is required.");
            }
            return null;
        }
        var text = trim ? value.Trim() : value;
        if (required && text.Length == 0)
        {
            Add(field, $"'{field}' must not be empty.");
        }
        else if (text.Length > maxLength)
        {
            Add(field, $"'{field}' must be at most {maxLength} characters long (it has {text.Length}).");
        }
        else if (text.Contains('\0', StringComparison.Ordinal))
        {
            Add(field, $"'{field}' contains a NUL character (U+0000), which no store keeps as text; remove it.");
        }
        else if (!JavaScriptJson.IsWellFormedText(text))
        {
            Add(field, $"'{field}' contains an unpaired UTF-16 surrogate; send well-formed Unicode text.");
        }
        return text;
    }

    /// <summary>Checks a free JSON object of the user's own data and returns its canonical form.</summary>
    public System.Text.Json.Nodes.JsonObject? Attributes(string field, JsonElement? value)
    {
        if (value is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.Object)
        {
            Add(field, $"'{field}' must be a JSON object of your own keys and values, such as {{\"plan\":\"gold\"}}.");
            return null;
        }
        if (!JavaScriptJson.TryNormalize(element, MaxAttributeDepth, out var normalized, out var error))
        {
            var path = error!.Path.StartsWith('$') ? field + error.Path[1..] : field;
            Add(path, error.Message);
            return null;
        }
        return (System.Text.Json.Nodes.JsonObject)normalized!;
    }

    public const int MaxAttributeDepth = 32;

    /// <summary>Every error collected, by field; null when the request is valid.</summary>
    public Dictionary<string, string[]>? Errors() =>
        IsValid ? null : _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
