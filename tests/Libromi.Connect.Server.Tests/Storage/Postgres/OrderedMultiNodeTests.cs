using System.Globalization;
using Libromi.Connect.Server.Tests.Delivery;
using Libromi.Connect.Testing;
using Libromi.Connect.Testing.Postgres;
using Npgsql;
using Xunit.Abstractions;

namespace Libromi.Connect.Server.Tests.Storage.Postgres;

/// <summary>
/// Three server processes on one PostgreSQL database deliver to a webhook ordered by contact, one of them killed with
/// SIGKILL mid-run: still no two events of one contact at the receiver at once, and each contact's in commit order.
/// </summary>
[Collection(MultiNodeCollection.Name)]
public sealed class OrderedMultiNodeTests(ITestOutputHelper output)
{
    private const int Contacts = 30;
    private const int EventsPerContact = 10;

    [SkippableFact]
    public async Task Each_contacts_events_arrive_one_at_a_time_in_commit_order_when_a_node_is_killed_mid_run()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        Skip.If(database is null, PostgresServer.HowToEnable);
        await using var receiver = await TestReceiver.StartAsync();
        var answers = new FirstAttemptFails(answerAfter: TimeSpan.FromMilliseconds(5));
        var thirdAnswered = new TaskCompletionSource();
        receiver.Respond = async request =>
        {
            var answer = await answers.RespondAsync(request);
            if (answers.Answers.Count >= Contacts * EventsPerContact * 2 / 3)
            {
                thirdAnswered.TrySetResult();
            }
            return answer;
        };
        await using var cluster = await PostgresNodes.StartAsync(database.ConnectionString, 3, new Dictionary<string, string>
        {
            ["Delivery:Timeout"] = "00:00:02",
            ["Delivery:LeaseMargin"] = "00:00:01",
            ["Delivery:RetrySchedule:0"] = "00:00:00.200",
            ["Delivery:RetrySchedule:1"] = "00:00:00.200",
            ["Delivery:RetrySchedule:2"] = "00:00:00.200",
            ["Delivery:RetryJitter"] = "0",
            ["Delivery:CircuitBreakerThreshold"] = "100000",
        });
        var (nodes, apiKey) = (cluster.Nodes, cluster.ApiKey);
        var clients = nodes.Take(2).Select(n => n.CreateClient(apiKey)).ToArray();
        await clients[0].PostOkAsync("webhooks", new { url = receiver.Url, events = new[] { "contact.created", "contact.updated" }, ordering = "contact" });

        // Each contact's events are written one after another, alternately through two nodes; the contacts all at once.
        var writing = Task.WhenAll(Enumerable.Range(0, Contacts).Select(c => WriteEventsAsync(clients, c)));
        await thirdAnswered.Task.WaitAsync(TimeSpan.FromSeconds(60));
        nodes[2].Kill();
        var contacts = await writing;
        await WaitForAllDeliveredAsync(receiver, answers, contacts, TimeSpan.FromSeconds(90));
        output.WriteLine($"{answers.Answers.Count} answers for {Contacts * EventsPerContact} events");

        Assert.Equal(0, answers.Overlaps);
        foreach (var (contact, index) in contacts.Select((c, i) => (c, i)))
        {
            // A success the killed node could not record is sent again, right after itself: order still holds.
            var all = answers.Delivered(contact);
            var delivered = all.Where((name, i) => i == 0 || name != all[i - 1]);
            Assert.Equal(Enumerable.Range(0, EventsPerContact).Select(i => Name(index, i)), delivered);
        }
        await AssertAllSucceededAsync(database.ConnectionString);
    }

    [SkippableFact]
    public async Task Events_of_one_contact_written_through_two_nodes_at_once_are_delivered_in_the_order_of_their_delivery_ids()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        Skip.If(database is null, PostgresServer.HowToEnable);
        await using var receiver = await TestReceiver.StartAsync();
        var answers = new FirstAttemptFails { FailFirstAttempts = false };
        receiver.Respond = answers.RespondAsync;
        await using var cluster = await PostgresNodes.StartAsync(database.ConnectionString, 2);
        var (nodes, apiKey) = (cluster.Nodes, cluster.ApiKey);
        var clients = nodes.Select(n => n.CreateClient(apiKey)).ToArray();
        await clients[0].PostOkAsync("webhooks", new { url = receiver.Url, events = new[] { "message.received" }, ordering = "contact" });
        var contacts = new List<string>();
        for (var c = 0; c < 4; c++)
        {
            contacts.Add((await clients[0].PostOkAsync("contacts", new { name = "Race " + c, phone = "+3164000000" + c })).Str("id"));
        }

        // Many writers post messages from the same few contacts through both nodes at once (a message, unlike a
        // rename, locks no row of the contact); 503 (a deadlock between the nodes' writes, resolved by PostgreSQL)
        // is an answer to retry.
        var (written, unavailable) = (0, 0);
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async worker =>
        {
            for (var i = 0; i < 12; i++)
            {
                var contact = (worker + i) % contacts.Count;
                while (true)
                {
                    var (status, body) = await clients[(worker + i) % 2].SendJsonAsync(HttpMethod.Post, "inbound/messages",
                        new { from = "+3164000000" + contact, content = $"W{worker}-{i}" });
                    if ((int)status == 503)
                    {
                        Interlocked.Increment(ref unavailable);
                        continue;
                    }
                    Assert.True((int)status is >= 200 and < 300, $"POST answered {(int)status}: {body}");
                    Interlocked.Increment(ref written);
                    break;
                }
            }
        }));
        await receiver.WaitForCountAsync(written, TimeSpan.FromSeconds(60));
        output.WriteLine($"{written} events, {unavailable} writes answered 503 and sent again");

        Assert.Equal(0, answers.Overlaps);
        foreach (var contact in contacts)
        {
            var ids = receiver.Received.Where(r => r.Json.GetProperty("data").GetProperty("contact").Str("id") == contact)
                .Select(r => long.Parse(r.Header("X-Libromi-Delivery-Id").AsSpan(4), CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(ids.Order(), ids);
        }
    }

    private static string Name(int contact, int eventIndex) => $"C{contact.ToString(CultureInfo.InvariantCulture)}-{eventIndex.ToString(CultureInfo.InvariantCulture)}";

    private static async Task<string> WriteEventsAsync(HttpClient[] clients, int contact)
    {
        var phone = "+3163" + contact.ToString("D7", CultureInfo.InvariantCulture);
        var id = (await clients[contact % 2].PostOkAsync("contacts", new { name = Name(contact, 0), phone })).Str("id");
        for (var i = 1; i < EventsPerContact; i++)
        {
            var (status, body) = await clients[(contact + i) % 2].SendJsonAsync(HttpMethod.Patch, $"contacts/{id}", new { name = Name(contact, i) });
            Assert.True((int)status == 200, $"PATCH answered {(int)status}: {body}");
        }
        return id;
    }

    private static async Task WaitForAllDeliveredAsync(TestReceiver receiver, FirstAttemptFails answers, IReadOnlyList<string> contacts, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (contacts.Any(c => answers.Delivered(c).Distinct().Count() < EventsPerContact))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Only {contacts.Sum(c => answers.Delivered(c).Distinct().Count())} of {Contacts * EventsPerContact} events were delivered.");
            }
            await receiver.NextAsync(left);
        }
    }

    private static async Task AssertAllSucceededAsync(string connectionString)
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
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(200);
        return true;
    }
}
