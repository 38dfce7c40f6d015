using Libromi.Connect.Server.Api;

namespace Libromi.Connect.Server.Webhooks.Headers;

/// <summary>
/// What a webhook's custom headers may be: RFC 9110 names the platform does not set itself, with values of visible
/// ASCII (so no CR, LF or NUL can smuggle a header or a request into the stream), within bounds that keep a request's
/// header block small.
/// </summary>
public static class HeaderRules
{
    public const int MaxHeaders = 20;
    public const int MaxNameLength = 256;
    public const int MaxValueLength = 4096;
    public const int MaxTotalLength = 16 * 1024;

    private static readonly string[] RefusedPrefixes = ["content-", "proxy-", "webhook-", "x-libromi-"];

    // Hop-by-hop headers (RFC 9110 section 7.6.1) apply to one connection, which the HTTP client owns.
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade", "http2-settings",
    };

    /// <summary>
    /// The headers to store, in the order sent, or null when any is refused (each named <c>headers.{name}</c>).
    /// A value equal to the hint of the current header of that name keeps the current value.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>>? Check(Validator validator, IReadOnlyList<KeyValuePair<string, string?>> input,
        IReadOnlyList<KeyValuePair<string, string>> current, bool authSetsAuthorization)
    {
        if (input.Count > MaxHeaders)
        {
            validator.Add("headers", $"'headers' may hold at most {MaxHeaders} headers (it has {input.Count}).");
            return null;
        }
        var valid = new List<KeyValuePair<string, string>>(input.Count);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var total = 0;
        var ok = true;
        foreach (var (name, sent) in input)
        {
            var field = $"headers.{name}";
            var value = current.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value is { } kept && SecretHint.Keeps(sent, kept) ? kept : sent;
            if (NameProblem(name, authSetsAuthorization) is { } problem)
            {
                validator.Add(field, $"'{field}': {problem}");
            }
            else if (!seen.Add(name))
            {
                validator.Add(field, $"'{field}': the header is named twice (header names are case-insensitive); send it once.");
            }
            else if (ValueProblem(value) is { } wrong)
            {
                validator.Add(field, $"'{field}': {wrong}");
            }
            else
            {
                var trimmed = value!.Trim(' ', '\t');
                total += name.Length + trimmed.Length;
                valid.Add(new(name, trimmed));
                continue;
            }
            ok = false;
        }
        if (ok && total > MaxTotalLength)
        {
            validator.Add("headers", $"'headers' names and values together must be at most {MaxTotalLength} characters (they have {total}).");
            return null;
        }
        return ok ? valid : null;
    }

    private static string? NameProblem(string name, bool authSetsAuthorization)
    {
        if (name.Length is 0 or > MaxNameLength || !name.All(IsTokenChar))
        {
            return $"a header name must be 1 to {MaxNameLength} letters, digits or !#$%&'*+-.^_`|~ (an RFC 9110 token: no spaces, colons or control characters).";
        }
        if (name.Equals("host", StringComparison.OrdinalIgnoreCase) || name.Equals("user-agent", StringComparison.OrdinalIgnoreCase))
        {
            return "the platform sets this header on every delivery; remove it.";
        }
        if (RefusedPrefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)) is { } prefix)
        {
            return $"headers starting with '{prefix}' are set by the platform or the HTTP client (the body's type and length, the signatures, the proxy); remove it.";
        }
        if (HopByHop.Contains(name) || name.Equals("expect", StringComparison.OrdinalIgnoreCase))
        {
            return "this header controls the connection, which the HTTP client manages; remove it.";
        }
        if (name.Equals("traceparent", StringComparison.OrdinalIgnoreCase) || name.Equals("tracestate", StringComparison.OrdinalIgnoreCase))
        {
            return "trace context headers are reserved for the platform's own tracing; remove it.";
        }
        if (authSetsAuthorization && name.Equals("authorization", StringComparison.OrdinalIgnoreCase))
        {
            return "'auth' sets the Authorization header of every delivery; remove this header, or remove 'auth' to send your own.";
        }
        return null;
    }

    private static string? ValueProblem(string? value)
    {
        if (value is null)
        {
            return "a header value must be a string.";
        }
        if (value.StartsWith(SecretHint.Ellipsis, StringComparison.Ordinal))
        {
            return "this is a hint ('…' and the last characters) that matches no current value of this header; send the value itself.";
        }
        if (value.Any(c => c is not ('\t' or (>= ' ' and <= '~'))))
        {
            return "a header value may hold only visible ASCII characters, spaces and tabs: a CR, LF, NUL or other control character could inject headers, and other characters are not portable.";
        }
        if (value.Trim(' ', '\t').Length == 0)
        {
            return "a header value must not be empty; remove the header instead.";
        }
        return value.Length > MaxValueLength ? $"a header value must be at most {MaxValueLength} characters long (it has {value.Length})." : null;
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
