namespace Libromi.Connect.Client;

/// <summary>
/// What the local endpoint answered to a <see cref="RelayedDelivery"/>, for <see cref="ListenClient.ReportAsync"/>: the
/// server logs it as the delivery's attempt. Give <see cref="StatusCode"/> when it answered, else <see cref="Error"/>.
/// </summary>
public sealed record ListenResult
{
    /// <summary>The <see cref="RelayedDelivery.Ticket"/> of the delivery answered; required.</summary>
    public required string Ticket { get; init; }

    /// <summary>
    /// The HTTP status the local endpoint answered, 100 to 599; null when it could not be reached. A 2xx marks the
    /// delivery succeeded.
    /// </summary>
    public int? StatusCode { get; init; }

    /// <summary>
    /// How long the local endpoint took, in milliseconds: 0 up to the server's <c>Delivery:Timeout</c> (30 s by default).
    /// Default: the time the server waited for this report.
    /// </summary>
    public int? DurationMs { get; init; }

    /// <summary>Why the local endpoint could not be reached, when <see cref="StatusCode"/> is null; at most 2,000 characters. Default: none.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// The local response's headers: HTTP header names, values without control characters, at most 4 KiB of UTF-8 names
    /// and values in all (more is refused with a 422). Default: none.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ResponseHeaders { get; init; }

    /// <summary>The start of the local response's body; the server keeps its first 4 KiB of UTF-8 and drops the rest. Default: none.</summary>
    public string? ResponseBody { get; init; }
}
