using System.Globalization;
using System.Text.Json;
using Libromi.Connect.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>
/// A webhook ordered by contact gets each contact's events one at a time, in the order they were committed. Run on
/// every store (one subclass each), since the lease's SQL is what keeps the order.
/// </summary>
public abstract class OrderingTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Delivery:RetryJitter"] = "0",
        ["Delivery:CircuitBreakerThreshold"] = "1000",
    };

    [SkippableFact]
    public async Task A_retry_holds_back_the_later_events_of_its_contact_only_and_each_contact_receives_its_events_in_commit_order()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartServerAsync(Settings, clock);
        await using var receiver = await TestReceiver.StartAsync();
        var answers = new FirstAttemptFails();
        receiver.Respond = answers.RespondAsync;
        using var client = server.CreateClient();
        var webhookId = await CreateWebhookAsync(client, receiver.Url, "contact");

        // Ada0's first answer waits until Ada's later events exist, so that its retry is scheduled with them pending.
        var written = new TaskCompletionSource();
        answers.Hold = name => name == "Ada0" ? written.Task : null;
        var ada = await WriteEventsAsync(client, "Ada", 3, "+15553000001");
        written.SetResult();
        await AttemptsRecordedAsync(server, client, webhookId, 1);
        // Ada0 waits for its retry: Lin's event, written now, goes at once; Ada's later ones wait, due at Ada0's retry.
        var lin = await WriteEventsAsync(client, "Lin", 1, "+15553000002");
        var deliveries = await AttemptsRecordedAsync(server, client, webhookId, 2);
        Assert.Equal(["Ada0", "Lin0"], answers.Answers.Select(a => a.Name));
        var retryAt = deliveries.Single(d => d.Str("id") == OldestId(deliveries)).Str("next_attempt_at");
        Assert.All(deliveries, d => Assert.Equal(retryAt, d.Str("next_attempt_at")));

        // Each success releases the next event of the contact at once; each first attempt of it fails again.
        foreach (var recorded in new[] { 5, 7, 8 })
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            await AttemptsRecordedAsync(server, client, webhookId, recorded);
        }

        Assert.Equal(["Ada0 500", "Ada0 200", "Ada1 500", "Ada1 200", "Ada2 500", "Ada2 200"],
            answers.Answers.Where(a => a.ContactId == ada).Select(a => $"{a.Name} {a.Status}"));
        Assert.Equal(["Lin0"], answers.Delivered(lin));
        Assert.Equal(0, answers.Overlaps);
    }

    [SkippableFact]
    public async Task The_next_event_of_a_contact_goes_as_soon_as_the_one_before_is_delivered_while_other_sends_are_in_flight()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartServerAsync(Settings, clock);
        await using var receiver = await TestReceiver.StartAsync();
        var slow = new TaskCompletionSource();
        var answers = new FirstAttemptFails { FailFirstAttempts = false, Hold = name => name == "Lin0" ? slow.Task : null };
        receiver.Respond = answers.RespondAsync;
        using var client = server.CreateClient();
        var webhookId = await CreateWebhookAsync(client, receiver.Url, "contact");

        await WriteEventsAsync(client, "Lin", 1, "+15553000041");
        var ada = await WriteEventsAsync(client, "Ada", 3, "+15553000042");
        await server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(webhookId, "succeeded"), d => d.Length == 3);
        slow.SetResult();

        Assert.Equal(["Ada0", "Ada1", "Ada2"], answers.Delivered(ada));
    }

    [SkippableFact]
    public async Task Without_ordering_a_contacts_later_events_go_while_its_first_waits_for_a_retry()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartServerAsync(Settings, clock);
        await using var receiver = await TestReceiver.StartAsync();
        var answers = new FirstAttemptFails();
        receiver.Respond = answers.RespondAsync;
        using var client = server.CreateClient();
        var webhookId = await CreateWebhookAsync(client, receiver.Url, "none");

        var ada = await WriteEventsAsync(client, "Ada", 3, "+15553000011");
        await AttemptsRecordedAsync(server, client, webhookId, 3);
        clock.Advance(TimeSpan.FromSeconds(5));
        await AttemptsRecordedAsync(server, client, webhookId, 6);

        Assert.Equal(["500", "500", "500"], answers.Answers.Where(a => a.ContactId == ada).Take(3).Select(a => a.Status.ToString(CultureInfo.InvariantCulture)));
    }

    [SkippableFact]
    public async Task A_delivery_that_finally_fails_releases_the_next_and_a_manual_retry_of_it_goes_back_to_its_place_ahead_of_the_later_ones()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartServerAsync(Settings, clock);
        await using var receiver = await TestReceiver.StartAsync();
        var answers = new FirstAttemptFails { Refuse = name => name == "Ada0" };
        receiver.Respond = answers.RespondAsync;
        using var client = server.CreateClient();
        var webhookId = await CreateWebhookAsync(client, receiver.Url, "contact");
        var ada = await WriteEventsAsync(client, "Ada", 2, "+15553000021");
        var all = await client.DeliveriesAsync(webhookId);
        var (first, second) = (OldestId(all), all.Single(d => d.Str("id") != OldestId(all)).Str("id"));

        for (var attempt = 1; ; attempt++)
        {
            var delivery = await server.WaitForDeliveryAsync(client, first, d => d.GetProperty("attempt_count").GetInt32() == attempt);
            if (delivery.Str("status") == "failed")
            {
                break;
            }
            clock.Advance(delivery.GetProperty("next_attempt_at").GetDateTimeOffset() - clock.GetUtcNow());
        }
        // The final failure releases Ada1 without the clock moving; its first attempt fails and it waits for a retry.
        var waiting = await server.WaitForDeliveryAsync(client, second, d => d.GetProperty("attempt_count").GetInt32() == 1);
        Assert.All(answers.Answers.SkipLast(1), a => Assert.Equal("Ada0", a.Name));

        // Retried by hand, Ada0 goes back ahead of Ada1: while it is at the receiver, Ada1's retry falls due and waits.
        answers.Refuse = _ => false;
        var (arrived, atReceiver) = (new TaskCompletionSource(), new TaskCompletionSource());
        answers.Hold = name => name == "Ada0" && arrived.TrySetResult() ? atReceiver.Task : null;
        await client.PostOkAsync($"deliveries/{first}/retry");
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        clock.Advance(waiting.GetProperty("next_attempt_at").GetDateTimeOffset() - clock.GetUtcNow());
        var lin = await WriteEventsAsync(client, "Lin", 1, "+15553000022");
        await server.WaitForDeliveriesAsync(() => Task.FromResult(answers.Answers), a => a.Any(x => x.ContactId == lin));
        atReceiver.SetResult();
        await server.WaitForDeliveryAsync(client, second, d => d.Str("status") == "succeeded");

        Assert.Equal(["Ada0", "Ada1"], answers.Delivered(ada));
    }

    [SkippableFact]
    public async Task An_open_circuit_on_an_ordered_webhook_holds_its_deliveries_without_reordering_them()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartServerAsync(new Dictionary<string, string?>
        {
            ["Delivery:RetryJitter"] = "0",
            ["Delivery:CircuitBreakerThreshold"] = "2",
            ["Delivery:CircuitBreakerCoolDown"] = "00:10:00",
        }, clock);
        await using var receiver = await TestReceiver.StartAsync();
        var healthy = false;
        var answers = new FirstAttemptFails { FailFirstAttempts = false, Refuse = _ => !Volatile.Read(ref healthy) };
        receiver.Respond = answers.RespondAsync;
        using var client = server.CreateClient();
        var webhookId = await CreateWebhookAsync(client, receiver.Url, "contact");

        var ada = await client.CreateContactAsync("Ada0", "+15553000031");
        await WriteEventsAsync(client, "Lin", 1, "+15553000032");
        await AttemptsRecordedAsync(server, client, webhookId, 2);
        // Two failures opened the circuit: Ada's later events are written while it is open, and its retries fall due.
        for (var i = 1; i < 4; i++)
        {
            await client.SendJsonAsync(HttpMethod.Patch, $"contacts/{ada.Str("id")}", new { name = "Ada" + i.ToString(CultureInfo.InvariantCulture) });
        }
        clock.Advance(TimeSpan.FromSeconds(6));
        Volatile.Write(ref healthy, true);
        clock.Advance(TimeSpan.FromMinutes(10));
        await server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(webhookId), d => d.Length == 5 && d.All(x => x.Str("status") == "succeeded"));

        Assert.Equal(["Ada0 500", "Ada0 200", "Ada1 200", "Ada2 200", "Ada3 200"],
            answers.Answers.Where(a => a.ContactId == ada.Str("id")).Select(a => $"{a.Name} {a.Status}"));
    }

    private Dictionary<string, string?>? _store;

    /// <summary>The store settings of the provider under test; null skips with <see cref="SkipReason"/>.</summary>
    protected abstract Task<Dictionary<string, string?>?> StoreSettingsAsync();

    protected virtual string SkipReason => "";

    public async Task InitializeAsync() => _store = await StoreSettingsAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private Task<TestServer> StartServerAsync(Dictionary<string, string?> settings, FakeTimeProvider clock)
    {
        Skip.If(_store is null, SkipReason);
        return TestServer.StartAsync(new Dictionary<string, string?>(_store!.Concat(settings)), clock);
    }

    internal static async Task<string> CreateWebhookAsync(HttpClient client, Uri url, string ordering) =>
        (await client.PostOkAsync("webhooks", new { url = url.ToString(), events = new[] { "contact.created", "contact.updated" }, ordering })).Str("id");

    /// <summary>Creates a contact named <paramref name="name"/>0 and renames it <paramref name="count"/> - 1 times (<paramref name="name"/>1, ...): one event each.</summary>
    private static async Task<string> WriteEventsAsync(HttpClient client, string name, int count, string phone)
    {
        var id = (await client.CreateContactAsync(name + "0", phone)).Str("id");
        for (var i = 1; i < count; i++)
        {
            await client.SendJsonAsync(HttpMethod.Patch, $"contacts/{id}", new { name = name + i.ToString(CultureInfo.InvariantCulture) });
        }
        return id;
    }

    /// <summary>Waits until the webhook's deliveries have <paramref name="attempts"/> attempts recorded between them.</summary>
    private static Task<JsonElement[]> AttemptsRecordedAsync(TestServer server, HttpClient client, string webhookId, int attempts) =>
        server.WaitForDeliveriesAsync(() => client.DeliveriesAsync(webhookId), d => d.Sum(x => x.GetProperty("attempt_count").GetInt32()) == attempts);

    private static string OldestId(JsonElement[] deliveries) => deliveries.MinBy(d => long.Parse(d.Str("id").AsSpan(4), CultureInfo.InvariantCulture)).Str("id");
}
