namespace Libromi.Connect.Cli.Listen;

/// <summary>Waits before reconnecting: 0.5 s, doubling up to 10 s, back to 0.5 s once a connection is made.</summary>
internal sealed class ReconnectDelay
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(10);
    private TimeSpan _next = First;

    public TimeSpan Next()
    {
        var delay = _next;
        _next = _next * 2 < Longest ? _next * 2 : Longest;
        return delay;
    }

    public void Reset() => _next = First;
}
