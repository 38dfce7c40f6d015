namespace Libromi.Connect.Bench.Scenarios;

/// <summary>Server settings for a drain, and an optional observer of (Stopwatch timestamp, 200s so far) samples.</summary>
public sealed record DrainSpec(IReadOnlyDictionary<string, string>? Settings, Action<long, long>? OnProgress)
{
    public static readonly DrainSpec All = new(null, null);
}
