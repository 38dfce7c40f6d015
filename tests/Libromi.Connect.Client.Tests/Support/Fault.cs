namespace Libromi.Connect.Client.Tests.Support;

/// <summary>What a <see cref="FlakyFront"/> does with one request.</summary>
/// <param name="Forward">Whether the request reaches the real server.</param>
/// <param name="Status">The status answered instead of the server's, or null to pass the server's answer on.</param>
/// <param name="Drop">Whether the connection is cut instead of answering.</param>
/// <param name="RetryAfter">A Retry-After header value to answer with.</param>
/// <param name="Hang">Whether the answer never comes (until the client gives up).</param>
public sealed record Fault(bool Forward, int? Status = null, bool Drop = false, string? RetryAfter = null, bool Hang = false)
{
    public static Fault None { get; } = new(Forward: true);

    /// <summary>The server acts on the request, then the client hears <paramref name="status"/> instead of the server's answer.</summary>
    public static Fault AfterForwarding(int status) => new(Forward: true, Status: status);

    /// <summary>The server acts on the request, then the connection is cut before any answer.</summary>
    public static Fault DropAfterForwarding { get; } = new(Forward: true, Drop: true);

    /// <summary>The server never sees the request; the client hears <paramref name="status"/>.</summary>
    public static Fault Instead(int status, string? retryAfter = null) => new(Forward: false, Status: status, RetryAfter: retryAfter);

    public static Fault Hanging { get; } = new(Forward: false, Hang: true);
}
