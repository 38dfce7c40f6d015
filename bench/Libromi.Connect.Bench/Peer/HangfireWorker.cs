using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hangfire;
using Hangfire.Storage.SQLite;

namespace Libromi.Connect.Bench.Peer;

/// <summary>
/// The Hangfire peer as its own process: enqueues one job per delivery into Hangfire's SQLite storage with no server
/// running (the same "already committed" start as scenario 2), then starts a BackgroundJobServer and reports when
/// every job has succeeded.
/// </summary>
public static class HangfireWorker
{
    public static async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var database = args[0];
        var workers = int.Parse(args[1], CultureInfo.InvariantCulture);
        var jobs = (await File.ReadAllLinesAsync(args[2], cancellationToken)).Select(line => line.Split('\t')).ToList();
        var storage = new SQLiteStorage(database, new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromMilliseconds(50) });
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(storage);

        var clock = Stopwatch.StartNew();
        var client = new BackgroundJobClient(storage);
        var bodies = new Dictionary<long, string>();
        foreach (var job in jobs)
        {
            var n = long.Parse(job[2], CultureInfo.InvariantCulture);
            if (!bodies.TryGetValue(n, out var body))
            {
                body = Encoding.UTF8.GetString(Envelopes.Body(n));
                bodies[n] = body;
            }
            var (url, secret, eventId) = (job[0], job[1], $"evt_bench{n:D20}");
            client.Enqueue<HangfireDelivery>(d => d.SendAsync(url, secret, eventId, body));
        }
        Console.WriteLine($"enqueued {jobs.Count} in {clock.Elapsed.TotalSeconds:0.0} s");

        var monitoring = storage.GetMonitoringApi();
        using var server = new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = workers }, storage);
        while (monitoring.SucceededListCount() < jobs.Count)
        {
            await Task.Delay(20, cancellationToken);
        }
        Console.WriteLine($"done: {monitoring.SucceededListCount()} succeeded, {monitoring.FailedCount()} failed");
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
