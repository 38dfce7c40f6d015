using System.Collections.Concurrent;

namespace Libromi.Connect.Server.Retention;

/// <summary>The last <see cref="PurgeRun"/> of each purge step, for tests and for a health or dashboard endpoint to read.</summary>
public sealed class PurgeRuns
{
    private readonly ConcurrentDictionary<string, PurgeRun> _last = new(StringComparer.Ordinal);

    /// <summary>The step's last run, or null when it has not run since the node started.</summary>
    public PurgeRun? Last(string step) => _last.GetValueOrDefault(step);

    /// <summary>Every step's last run, by step name.</summary>
    public IReadOnlyDictionary<string, PurgeRun> All => _last;

    internal void Record(PurgeRun run) => _last[run.Step] = run;
}
