namespace Libromi.Connect.Client;

/// <summary>
/// What the local endpoint answered to a <see cref="RelayedDelivery"/>, for <see cref="ListenClient.ReportAsync"/>: the
/// server logs it as the delivery's attempt. Give <see cref="StatusCode"/> when it answered, else <see cref="Error"/>.
/// </summary>
public sealed record ListenResult
{
    /// <summary>The <see cref="RelayedDelivery.Ticket"/> of the delivery answered; required.</summary>
    public required string Ticket { get; init; }

    /// <summary>The HTTP status the local endpoint answered; null when it could not be reached. A 2xx marks the delivery succeeded.</summary>
    public int? StatusCode { get; init; }

    /// <summary>How long the local endpoint took, in milliseconds. Default: the time the server waited for this report.</summary>
    public int? DurationMs { get; init; }

    /// <summary>Why the local endpoint could not be reached, when <see cref="StatusCode"/> is null. Default: none.</summary>
    public string? Error { get; init; }

    /// <summary>The local response's headers. Default: none.</summary>
    public IReadOnlyDictionary<string, string>? ResponseHeaders { get; init; }

    /// <summary>The start of the local response's body; the server keeps at most 4 KiB. Default: none.</summary>
    public string? ResponseBody { get; init; }
}
