using System.Runtime.CompilerServices;
using System.Text;

namespace Libromi.Connect.Client.Http;

/// <summary>
/// Reads <c>text/event-stream</c> frames (event name and data) line by line. Comments count as signs of life: when
/// not even a comment arrives within the idle timeout, the connection is taken for dead, since a half-open TCP
/// connection (a laptop that slept, a NAT that forgot it) would otherwise wait forever.
/// </summary>
internal static class EventStreamReader
{
    public static async IAsyncEnumerable<(string Event, string Data)> ReadAsync(Stream stream, TimeSpan idleTimeout, TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var idle = new CancellationTokenSource(idleTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        var name = "message";
        var data = new StringBuilder();
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(linked.Token);
            }
            catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Nothing arrived on the stream for {idleTimeout.TotalSeconds:0.###} s.");
            }
            if (line is null)
            {
                yield break;
            }
            idle.CancelAfter(idleTimeout);
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    yield return (name, data.ToString(0, data.Length - 1));
                }
                name = "message";
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = Value(line, 6);
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(Value(line, 5)).Append('\n');
            }
        }
    }

    // The format allows one optional space after the colon.
    private static string Value(string line, int colon) =>
        line.Length > colon && line[colon] == ' ' ? line[(colon + 1)..] : line[colon..];
}
