using Libromi.Connect.Server.Delivery.Transports;
using System.Text;
using System.Text.Json;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Delivery;

namespace Libromi.Connect.Server.Listen;

/// <summary>
/// What a listen session's requests must be. A result is checked before it is logged: it comes from a client like any
/// other input, and a logged attempt is read back by <c>GET /deliveries/{id}</c> forever. An over-long body is cut as
/// the sender cuts a real one; every other violation is a 422 naming the field.
/// </summary>
public static class ListenValidation
{
    public const int MaxTicketLength = 100;
    public const int MaxErrorLength = 2000;

    /// <summary>Header names and values together, in UTF-8 bytes: the same 4 KiB that is kept of an HTTP receiver's headers.</summary>
    public const int MaxHeaderBytes = ResponseText.MaxHeaderBytes;

    /// <summary>The event types to relay, all when none are named.</summary>
    public static Dictionary<string, string[]>? Start(StartListenRequest request, out string[] events)
    {
        var validator = new Validator();
        events = Webhooks.WebhookValidation.Events(validator, request.Events ?? ["*"], required: true)?.Names ?? [];
        return validator.Errors();
    }

    public static Dictionary<string, string[]>? Result(ListenResultRequest request, TimeSpan timeout, out ReportedAnswer answer)
    {
        var validator = new Validator();
        validator.Text("ticket", request.Ticket, required: true, MaxTicketLength);
        if (request.StatusCode is null && string.IsNullOrEmpty(request.Error))
        {
            validator.Add("status_code", "Report the local endpoint's 'status_code', or an 'error' when it could not be reached.");
        }
        if (request.StatusCode is < 100 or > 599)
        {
            validator.Add("status_code", $"'status_code' must be an HTTP status code from 100 to 599; {request.StatusCode} is not.");
        }
        var maxDuration = (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds);
        if (request.DurationMs < 0 || request.DurationMs > maxDuration)
        {
            validator.Add("duration_ms",
                $"'duration_ms' must be from 0 to {maxDuration} (Delivery:Timeout, the longest the server waits for a result); {request.DurationMs} is not.");
        }
        var error = validator.Text("error", request.Error, required: false, MaxErrorLength);
        var headers = Headers(validator, request.ResponseHeaders);
        answer = new ReportedAnswer(request.StatusCode, request.DurationMs, error, headers, Utf8Prefix(request.ResponseBody, ResponseText.MaxBodyBytes));
        return validator.Errors();
    }

    private static string? Headers(Validator validator, JsonElement? input)
    {
        if (input is not { } headers || headers.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (headers.ValueKind != JsonValueKind.Object)
        {
            validator.Add("response_headers", "'response_headers' must be a JSON object of header names and string values, such as {\"content-type\":\"text/plain\"}.");
            return null;
        }
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var bytes = 0;
        foreach (var header in headers.EnumerateObject())
        {
            if (!TryDecode(() => header.Name, out var name) || !IsToken(name))
            {
                validator.Add("response_headers", "Every name in 'response_headers' must be an HTTP header name: letters, digits and !#$%&'*+-.^_`|~ only.");
                continue;
            }
            if (!names.Add(name))
            {
                validator.Add("response_headers", $"'response_headers' names '{name}' more than once; join the values with ', ' as HTTP does.");
                continue;
            }
            var field = "response_headers." + name;
            if (header.Value.ValueKind != JsonValueKind.String)
            {
                validator.Add(field, $"'{field}' must be a string.");
                continue;
            }
            if (!TryDecode(() => header.Value.GetString()!, out var value))
            {
                validator.Add(field, $"'{field}' contains an unpaired UTF-16 surrogate; send well-formed Unicode text.");
                continue;
            }
            if (value.Any(c => (c < ' ' && c != '\t') || c == '\x7f'))
            {
                validator.Add(field, $"'{field}' contains a control character (such as a line break), which no HTTP header value can hold.");
                continue;
            }
            bytes += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(value);
        }
        if (bytes > MaxHeaderBytes)
        {
            validator.Add("response_headers", $"'response_headers' may hold at most {MaxHeaderBytes} bytes of names and values; these hold {bytes}. Report fewer headers.");
        }
        return headers.GetRawText();
    }

    // The only way a decoded JSON string fails is an unpaired surrogate escape such as "\ud800".
    private static bool TryDecode(Func<string> read, out string text)
    {
        try
        {
            text = read();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    private static bool IsToken(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));

    /// <summary>The longest prefix of whole characters that fits in <paramref name="maxBytes"/> bytes of UTF-8.</summary>
    private static string? Utf8Prefix(string? text, int maxBytes)
    {
        if (text is null || Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }
        var length = 0;
        var bytes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > maxBytes)
            {
                break;
            }
            bytes += rune.Utf8SequenceLength;
            length += rune.Utf16SequenceLength;
        }
        return text[..length];
    }
}
