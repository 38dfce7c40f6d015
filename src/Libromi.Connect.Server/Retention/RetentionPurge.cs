using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Retention;

/// <summary>
/// The background purge: every <see cref="RetentionOptions.PurgeInterval"/> it runs each registered
/// <see cref="IPurgeStep"/> in registration order (the provider's own first, the SQLite vacuum last). A step that fails
/// (the store is unreachable, its file is gone) is logged and tried again at the next interval; the others still run,
/// and the loop itself never stops before the host does.
/// </summary>
public sealed partial class RetentionPurge(
    IEnumerable<IPurgeStep> steps, PurgeRuns runs, RetentionMetrics metrics, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionPurge> logger)
    : BackgroundService
{
    private readonly IPurgeStep[] _steps = [.. steps];

    // A pass started by a test (or a long pass) and the timer's next one never run side by side.
    private readonly SemaphoreSlim _pass = new(1, 1);

    /// <summary>The steps, in the order each pass runs them.</summary>
    public IReadOnlyList<IPurgeStep> Steps => _steps;

    /// <summary>Runs one pass of every step as of <paramref name="now"/> and returns each step's run; never throws for a failed step.</summary>
    public async Task<IReadOnlyList<PurgeRun>> RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            var done = new List<PurgeRun>(_steps.Length);
            foreach (var step in _steps)
            {
                done.Add(await RunStepAsync(step, now, cancellationToken));
            }
            return done;
        }
        finally
        {
            _pass.Release();
        }
    }

    public override void Dispose()
    {
        _pass.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunOnceAsync(time.GetUtcNow(), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping; a step cut short committed its finished batches and resumes at the next start.
        }
    }

    private async Task<PurgeRun> RunStepAsync(IPurgeStep step, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        PurgeRun run;
        try
        {
            var rows = await step.RunAsync(now, cancellationToken);
            run = new PurgeRun(step.Name, now, rows, time.GetElapsedTime(started), null);
            if (rows > 0)
            {
                LogRemoved(logger, step.Name, rows, run.Duration.TotalMilliseconds);
            }
            else
            {
                LogNothing(logger, step.Name, run.Duration.TotalMilliseconds);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            run = new PurgeRun(step.Name, now, 0, time.GetElapsedTime(started), $"{e.GetType().Name}: {e.Message}");
            LogFailed(logger, step.Name, e);
        }
        runs.Record(run);
        metrics.Record(run.Step, run.Rows, run.Duration);
        return run;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purge {Step}: removed {Rows} rows in {Milliseconds:F0} ms")]
    private static partial void LogRemoved(ILogger logger, string step, long rows, double milliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retention purge {Step}: nothing to remove ({Milliseconds:F0} ms)")]
    private static partial void LogNothing(ILogger logger, string step, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention purge {Step} failed; the other steps still run, and it is tried again at the next interval")]
    private static partial void LogFailed(ILogger logger, string step, Exception exception);
}
