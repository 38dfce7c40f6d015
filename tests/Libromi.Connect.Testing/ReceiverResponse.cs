namespace Libromi.Connect.Testing;

/// <summary>How a <see cref="TestReceiver"/> answers one request.</summary>
public sealed record ReceiverResponse(int Status, TimeSpan Delay = default, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static ReceiverResponse Ok { get; } = new(200, Body: "OK");
}
