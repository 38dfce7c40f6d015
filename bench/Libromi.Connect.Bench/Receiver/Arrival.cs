namespace Libromi.Connect.Bench.Receiver;

/// <summary>
/// A marked body as the receiver saw it: its marker, the receiver's <see cref="System.Diagnostics.Stopwatch"/> timestamp
/// at arrival, the event's <c>created_at</c> (Unix ms, 0 when the body had none) and the receiver's wall clock at
/// arrival (Unix ms, fractional), the last two on the same clock so they can be subtracted.
/// </summary>
public readonly record struct Arrival(long Marker, long Timestamp, long CreatedAtMs, double ArrivedAtMs)
{
    public double CreatedToArrivalMs => ArrivedAtMs - CreatedAtMs;
}
