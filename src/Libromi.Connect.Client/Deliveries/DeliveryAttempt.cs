using System.Text.Json;

namespace Libromi.Connect.Client;

/// <summary>One logged attempt of a delivery.</summary>
public sealed record DeliveryAttempt
{
    /// <summary>The attempt's number, from 1.</summary>
    public int Attempt { get; init; }

    /// <summary>When the attempt started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>How long it took, in milliseconds.</summary>
    public int DurationMs { get; init; }

    /// <summary>The HTTP status the endpoint answered; null when it gave no answer.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The kind of failure, such as <c>timeout</c> or <c>http_status</c>; null for a success.</summary>
    public string? ErrorKind { get; init; }

    /// <summary>What went wrong, for people; null for a success.</summary>
    public string? Error { get; init; }

    /// <summary>The response headers as a JSON object, or null when there was no response.</summary>
    public JsonElement? ResponseHeaders { get; init; }

    /// <summary>At most 4 KiB of the response body, or null.</summary>
    public string? ResponseBody { get; init; }
}
