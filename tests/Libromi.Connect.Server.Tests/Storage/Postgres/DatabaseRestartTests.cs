using System.Net;
using Libromi.Connect.Testing;
using Libromi.Connect.Testing.Postgres;

namespace Libromi.Connect.Server.Tests.Storage.Postgres;

/// <summary>The PostgreSQL server stopped and started again while a node is delivering (on a private cluster of its own).</summary>
public sealed class DatabaseRestartTests
{
    private const string HowToEnable = "Restarting a database needs the PostgreSQL server binaries (initdb, pg_ctl): apt-get install -y postgresql.";

    [SkippableFact]
    public async Task While_the_database_is_down_the_api_answers_503_and_afterwards_delivery_carries_on()
    {
        var bin = PostgresCluster.FindBinaries();
        Skip.If(bin is null, HowToEnable);
        await using var cluster = await PostgresCluster.StartAsync(bin);
        await using var database = await TestDatabase.CreateAsync(cluster.ConnectionString);
        var log = new InFlightLog(TimeSpan.FromMilliseconds(50));
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = log.RespondAsync;
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = database.ConnectionString + ";Timeout=3",
            ["Delivery:Timeout"] = "00:00:02",
            ["Delivery:LeaseMargin"] = "00:00:01",
            ["Delivery:MaxConcurrencyPerEndpoint"] = "4",
        });
        using var client = server.CreateClient();
        await client.PostOkAsync("webhooks", new { url = receiver.Url, events = new[] { "contact.created" } });
        var acknowledged = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            acknowledged.Add(await CreateContactAsync(client, "before-" + i));
        }

        await receiver.WaitForCountAsync(5);
        await cluster.StopServerAsync();
        for (var i = 0; i < 5; i++)
        {
            var refused = await client.SendJsonAsync(HttpMethod.Post, "contacts", new { name = "Refused", phone = Phone(900 + i) });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
            Assert.Equal("Store unavailable", refused.Body.Str("title"));
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.SendJsonAsync(HttpMethod.Get, "contacts")).Status);
        await cluster.StartServerAsync();

        for (var i = 0; i < 20; i++)
        {
            acknowledged.Add(await CreateContactAsync(client, "after-" + i));
        }
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (Delivered(receiver).Count < acknowledged.Count && DateTime.UtcNow < deadline)
        {
            await receiver.NextAsync(deadline - DateTime.UtcNow);
        }

        Assert.Equal(acknowledged.Order(StringComparer.Ordinal), Delivered(receiver).Order(StringComparer.Ordinal));
        Assert.Equal(0, log.Overlaps);
        var stored = (await client.GetOkAsync("contacts?limit=100")).GetProperty("data").EnumerateArray().Select(c => c.Str("name")).ToList();
        Assert.Equal(60, stored.Count);
        Assert.DoesNotContain("Refused", stored);
    }

    /// <summary>Creates a contact as a careful client would: retrying with the same idempotency key while the store is unavailable.</summary>
    private static async Task<string> CreateContactAsync(HttpClient client, string name)
    {
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = name };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var (status, body) = await client.SendJsonAsync(HttpMethod.Post, "contacts", new { name, phone = Phone(name.GetHashCode(StringComparison.Ordinal) & 0xFFFFF) }, headers);
            if (status == HttpStatusCode.Created)
            {
                return body.Str("id");
            }
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.True(DateTime.UtcNow < deadline, "The store stayed unavailable after the database came back.");
            await Task.Delay(100);
        }
    }

    private static HashSet<string> Delivered(TestReceiver receiver) =>
        receiver.Received.Select(r => r.Json.GetProperty("data").GetProperty("contact").Str("id")).ToHashSet(StringComparer.Ordinal);

    private static string Phone(int n) => "+3163" + n.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
}
