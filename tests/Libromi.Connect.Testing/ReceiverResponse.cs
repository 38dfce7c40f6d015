namespace Libromi.Connect.Testing;

/// <summary>
/// How a <see cref="TestReceiver"/> answers one request. With <paramref name="Until"/> the request is recorded at once but
/// answered only when that task completes (or the sender gives up), so a test decides when a slow endpoint answers
/// instead of guessing a delay.
/// </summary>
public sealed record ReceiverResponse(int Status, Task? Until = null, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static ReceiverResponse Ok { get; } = new(200, Body: "OK");

    /// <summary>Never answers: the request hangs until the sender gives up.</summary>
    public static ReceiverResponse Hang { get; } = new(200, Until: new TaskCompletionSource().Task);
}
