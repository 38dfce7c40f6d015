using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Retention;

/// <summary>Refuses, at start, retention settings that would purge nothing, spin, or hold the writer for long.</summary>
public sealed class RetentionOptionsValidation : IValidateOptions<RetentionOptions>
{
    public const int MaxBatchSize = 10_000;

    /// <summary>The narrowest time partition: ranges are named to the second.</summary>
    public static readonly TimeSpan MinPartitionInterval = TimeSpan.FromSeconds(1);

    private static string? PartitionIntervalProblem(TimeSpan interval)
    {
        var day = TimeSpan.FromDays(1);
        if (interval < MinPartitionInterval || interval.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            return "Retention:PartitionInterval must be a whole number of seconds, at least 00:00:01, such as 1.00:00:00 (1 day).";
        }
        if (interval < day ? day.Ticks % interval.Ticks != 0 : interval.Ticks % day.Ticks != 0)
        {
            return $"Retention:PartitionInterval {interval} must divide a day (such as 06:00:00) or be a whole number of days (such as 7.00:00:00), so that partitions start at midnight UTC.";
        }
        return null;
    }

    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var failures = new List<string>();
        if (options.Events <= TimeSpan.Zero)
        {
            failures.Add("Retention:Events must be a positive time span such as 30.00:00:00 (30 days).");
        }
        if (options.PurgeInterval <= TimeSpan.Zero)
        {
            failures.Add("Retention:PurgeInterval must be a positive time span such as 00:01:00 (1 minute).");
        }
        if (options.BatchSize is < 1 or > MaxBatchSize)
        {
            failures.Add($"Retention:BatchSize must be between 1 and {MaxBatchSize}, such as 500: each batch is one short write transaction.");
        }
        if (PartitionIntervalProblem(options.PartitionInterval) is { } problem)
        {
            failures.Add(problem);
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
