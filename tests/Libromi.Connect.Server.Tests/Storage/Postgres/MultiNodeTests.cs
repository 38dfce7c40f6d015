using System.Diagnostics;
using Libromi.Connect.Testing;
using Libromi.Connect.Testing.Postgres;
using Npgsql;
using Xunit.Abstractions;

namespace Libromi.Connect.Server.Tests.Storage.Postgres;

/// <summary>Three server processes on one PostgreSQL database, one of them killed with SIGKILL in the middle of delivering.</summary>
[Collection(MultiNodeCollection.Name)]
public sealed class MultiNodeTests(ITestOutputHelper output)
{
    private const int Events = 2000;
    private const int PerEndpoint = 16;

    [SkippableFact]
    public async Task Every_event_is_delivered_once_per_lease_when_a_node_is_killed_mid_run()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        Skip.If(database is null, PostgresServer.HowToEnable);
        var log = new InFlightLog(TimeSpan.FromMilliseconds(10));
        await using var receiver = await TestReceiver.StartAsync();
        var thirdArrived = new TaskCompletionSource();
        receiver.Respond = request =>
        {
            if (receiver.Received.Count >= Events / 3)
            {
                thirdArrived.TrySetResult();
            }
            return log.RespondAsync(request);
        };
        await using var cluster = await PostgresNodes.StartAsync(database.ConnectionString, 3, new Dictionary<string, string>
        {
            ["Delivery:Timeout"] = "00:00:02",
            ["Delivery:LeaseMargin"] = "00:00:01",
            ["Delivery:MaxConcurrencyPerEndpoint"] = PerEndpoint.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var (nodes, apiKey) = (cluster.Nodes, cluster.ApiKey);
        var clients = nodes.Take(2).Select(n => n.CreateClient(apiKey)).ToArray();
        await clients[0].PostOkAsync("webhooks", new { url = receiver.Url, events = new[] { "contact.created" } });
        var clock = Stopwatch.StartNew();

        var posting = PostContactsAsync(clients);
        await thirdArrived.Task.WaitAsync(TimeSpan.FromSeconds(60));
        nodes[2].Kill();
        var killedAt = DateTimeOffset.UtcNow;
        var contacts = await posting;

        var received = await WaitForDistinctEventsAsync(receiver, Events, TimeSpan.FromSeconds(90));
        output.WriteLine($"{Events} events delivered by 3 nodes (one killed) in {clock.Elapsed.TotalSeconds:F1} s; {received.Count} requests");

        var delivered = received.Select(r => r.Json.GetProperty("data").GetProperty("contact").Str("id")).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(contacts.Order(StringComparer.Ordinal), delivered.Order(StringComparer.Ordinal));
        Assert.Equal(0, log.Overlaps);
        var duplicates = received.GroupBy(r => r.Header("webhook-id")).Where(g => g.Count() > 1).ToList();
        output.WriteLine($"{duplicates.Count} events delivered twice (in flight at the kill)");
        Assert.True(duplicates.Count <= PerEndpoint, $"{duplicates.Count} duplicates; at most {PerEndpoint} requests were in flight on the killed node.");
        Assert.All(duplicates, g =>
        {
            Assert.Equal(2, g.Count());
            Assert.True(g.Min(r => r.ReceivedAt) <= killedAt, "Both copies arrived after the kill: two live nodes sent the same delivery.");
        });
        await AssertOneRecordedSuccessPerDeliveryAsync(database.ConnectionString);
    }

    private static async Task<List<string>> PostContactsAsync(HttpClient[] clients)
    {
        var ids = new List<string>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            for (var i = Interlocked.Increment(ref next); i < Events; i = Interlocked.Increment(ref next))
            {
                var contact = await clients[i % clients.Length].PostOkAsync("contacts", new { name = "Node test " + i, phone = "+3162" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture) });
                lock (ids)
                {
                    ids.Add(contact.Str("id"));
                }
            }
        }));
        return ids;
    }

    private static async Task<IReadOnlyList<ReceivedRequest>> WaitForDistinctEventsAsync(TestReceiver receiver, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (receiver.Received.Select(r => r.Header("webhook-id")).Distinct().Count() < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Only {receiver.Received.Select(r => r.Header("webhook-id")).Distinct().Count()} of {count} events arrived.");
            }
            await receiver.NextAsync(left);
        }
        return receiver.Received;
    }

    private static async Task AssertOneRecordedSuccessPerDeliveryAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // The outcome writer runs after the receiver answers: give the surviving nodes a moment to record the last ones.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        long pending;
        do
        {
            await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM deliveries WHERE status <> 1", connection);
            pending = (long)(await count.ExecuteScalarAsync())!;
        }
        while (pending > 0 && DateTime.UtcNow < deadline && await Delay());
        Assert.Equal(0L, pending);
        await using var attempts = new NpgsqlCommand("""
            SELECT COUNT(*) FROM deliveries d
            WHERE (SELECT COUNT(*) FROM delivery_attempts a WHERE a.delivery_id = d.id) <> 1 OR d.attempt_count <> 1
            """, connection);
        Assert.Equal(0L, (long)(await attempts.ExecuteScalarAsync())!);
        await using var total = new NpgsqlCommand("SELECT COUNT(*) FROM deliveries", connection);
        Assert.Equal((long)Events, (long)(await total.ExecuteScalarAsync())!);
        await using var accounts = new NpgsqlCommand("SELECT COUNT(*) FROM accounts", connection);
        Assert.Equal(1L, (long)(await accounts.ExecuteScalarAsync())!);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(200);
        return true;
    }
}
