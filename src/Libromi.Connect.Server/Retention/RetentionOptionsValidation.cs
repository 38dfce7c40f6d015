using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Retention;

/// <summary>Refuses, at start, retention settings that would purge nothing, spin, or hold the writer for long.</summary>
public sealed class RetentionOptionsValidation : IValidateOptions<RetentionOptions>
{
    public const int MaxBatchSize = 10_000;

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
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
