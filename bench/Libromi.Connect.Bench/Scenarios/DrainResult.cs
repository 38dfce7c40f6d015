namespace Libromi.Connect.Bench.Scenarios;

/// <summary>How a pre-filled backlog drained: deliveries, seconds from the first 200 to the last one recorded, server peak RSS.</summary>
public sealed record DrainResult(long Deliveries, double Seconds, long PeakRssBytes, long Attempts)
{
    public double PerSecond => Deliveries / Seconds;
}
