using System.Collections.Concurrent;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Storage.Postgres;

/// <summary>
/// A receiver's answer that takes a while and remembers, per event, whether two requests for it were ever in flight at
/// the same moment: the one thing leases must prevent.
/// </summary>
internal sealed class InFlightLog(TimeSpan answerAfter)
{
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private int _overlaps;

    public int Overlaps => Volatile.Read(ref _overlaps);

    public async Task<ReceiverResponse> RespondAsync(ReceivedRequest request)
    {
        var eventId = request.Header("webhook-id");
        if (_inFlight.AddOrUpdate(eventId, 1, (_, n) => n + 1) > 1)
        {
            Interlocked.Increment(ref _overlaps);
        }
        try
        {
            await Task.Delay(answerAfter);
            return ReceiverResponse.Ok;
        }
        finally
        {
            _inFlight.AddOrUpdate(eventId, 0, (_, n) => n - 1);
        }
    }
}
