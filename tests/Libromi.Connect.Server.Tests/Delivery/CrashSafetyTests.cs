using System.Collections.Concurrent;
using System.Net;
using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>Nothing the API acknowledged is lost when the server process is killed at any moment.</summary>
public sealed class CrashSafetyTests
{
    [Fact]
    public async Task Every_acknowledged_event_reaches_the_receiver_after_the_server_is_killed_mid_backlog_and_restarted()
    {
        await using var receiver = await TestReceiver.StartAsync();
        // After the first 60 the receiver holds what it gets until the kill: requests are in flight when it lands, and
        // every contact acknowledged meanwhile is part of a backlog.
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = 0;
        receiver.Respond = _ => Task.FromResult(Interlocked.Increment(ref arrived) <= 60 ? ReceiverResponse.Ok : new ReceiverResponse(200, Until: killed.Task));
        var directory = Path.Combine(Path.GetTempPath(), "libromi-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var apiKey = ApiKeys.NewKey();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(directory, "libromi.db")}",
            ["Delivery:AllowPrivateNetworks"] = "true",
            ["Delivery:MaxConcurrencyPerEndpoint"] = "4",
            // Short leases so the deliveries the dead process held are taken again quickly.
            ["Delivery:Timeout"] = "00:00:02",
            ["Delivery:LeaseMargin"] = "00:00:01",
        };

        var acknowledged = new ConcurrentBag<string>();
        var backlog = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (var first = await ServerProcess.StartAsync(apiKey, settings))
        {
            using var client = first.CreateClient(apiKey);
            await client.CreateWebhookAsync(receiver.Url, "contact.created");
            using var stopIngest = new CancellationTokenSource();
            var ingest = Task.Run(async () =>
            {
                for (var i = 0; !stopIngest.IsCancellationRequested; i++)
                {
                    try
                    {
                        using var response = await client.PostAsync("contacts", JsonContent($"{{\"name\":\"Contact {i}\",\"phone\":\"+1555{i:0000000}\"}}"));
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged.Add($"Contact {i}");
                            if (acknowledged.Count >= 100)
                            {
                                backlog.TrySetResult();
                            }
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // The server is gone: whatever was not answered was not acknowledged.
                    }
                }
            });
            await receiver.WaitForCountAsync(61);
            await backlog.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await first.KillAsync();
            killed.SetResult();
            await stopIngest.CancelAsync();
            await ingest;
        }
        Assert.True(Names(receiver).Count < acknowledged.Count, "the kill left no backlog, so the restart proved nothing");

        await using var second = await ServerProcess.StartAsync(apiKey, settings);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var missing = acknowledged.ToHashSet();
        while (missing.Count > 0 && DateTime.UtcNow < deadline)
        {
            missing.ExceptWith(Names(receiver));
            if (missing.Count > 0)
            {
                try
                {
                    await receiver.NextAsync(deadline - DateTime.UtcNow);
                }
                catch (TimeoutException)
                {
                    break;
                }
            }
        }
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged events never arrived, e.g. {missing.FirstOrDefault()}");
        Directory.Delete(directory, recursive: true);
    }

    private static HashSet<string> Names(TestReceiver receiver) =>
        receiver.Received.Select(r => r.Json.GetProperty("data").GetProperty("contact").GetProperty("name").GetString()!).ToHashSet();

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
