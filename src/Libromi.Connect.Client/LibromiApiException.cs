namespace Libromi.Connect.Client;

/// <summary>
/// A request that failed: the server's RFC 9457 problem details when it answered, or the network failure when it did
/// not. Every failure of this client is one of these, except cancellation through the caller's token, which throws
/// <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class LibromiApiException : Exception
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoErrors = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Creates an exception for a failed request.</summary>
    /// <param name="status">The HTTP status code, or null when no response arrived.</param>
    /// <param name="title">A short summary of the kind of problem, such as "Validation failed".</param>
    /// <param name="detail">What went wrong in this request and how to fix it.</param>
    /// <param name="errors">Messages per field; null for none.</param>
    /// <param name="isTransient">Whether the same request may succeed if sent again later.</param>
    /// <param name="retryAfter">How long the server asked to wait before trying again, if it said.</param>
    /// <param name="innerException">The network failure, when no response arrived.</param>
    public LibromiApiException(int? status, string title, string detail, IReadOnlyDictionary<string, IReadOnlyList<string>>? errors = null,
        bool isTransient = false, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(Describe(status, title, detail, errors), innerException)
    {
        Status = status;
        Title = title;
        Detail = detail;
        Errors = errors ?? NoErrors;
        IsTransient = isTransient;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status code of the answer, such as 404 or 422; null when no response arrived (network failure or timeout).</summary>
    public int? Status { get; }

    /// <summary>The problem's <c>title</c>: a short summary of the kind of problem, such as "Validation failed".</summary>
    public string Title { get; }

    /// <summary>The problem's <c>detail</c>: what went wrong in this request and how to fix it.</summary>
    public string Detail { get; }

    /// <summary>
    /// The problem's <c>errors</c>: messages per request field, keyed as the API names the field (<c>url</c>,
    /// <c>events[0]</c>, <c>Idempotency-Key</c>). Empty, never null, when the problem names no field.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; }

    /// <summary>
    /// Whether sending the same request later may succeed: true for 429, any 5xx and failures without a response.
    /// The client already retried these <see cref="LibromiClientOptions.MaxRetries"/> times before throwing.
    /// </summary>
    public bool IsTransient { get; }

    /// <summary>The wait the server asked for in <c>Retry-After</c>, if it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    private static string Describe(int? status, string title, string detail, IReadOnlyDictionary<string, IReadOnlyList<string>>? errors)
    {
        var text = status is null ? $"{title}: {detail}" : $"{status} {title}: {detail}";
        if (errors is { Count: > 0 })
        {
            text += " " + string.Join(" ", errors.Select(e => $"[{e.Key}] {string.Join(" ", e.Value)}"));
        }
        return text;
    }
}
