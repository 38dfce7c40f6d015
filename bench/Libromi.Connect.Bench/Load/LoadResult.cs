namespace Libromi.Connect.Bench.Load;

/// <summary>
/// How a closed-loop run went: requests answered, and the <see cref="System.Diagnostics.Stopwatch"/> timestamps of the
/// start, the first answer and the last answer.
/// </summary>
public sealed record LoadResult(long Completed, long Started, long FirstCompletion, long LastCompletion)
{
    /// <summary>Answers per second from the start until the last answer.</summary>
    public double PerSecond => Completed / BenchContext.Seconds(Started, LastCompletion);
}
