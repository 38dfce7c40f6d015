using System.Text;
using System.Text.Json;
using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Contacts;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Delivery.Engine;
using Libromi.Connect.Server.Delivery.Outcomes;
using Libromi.Connect.Server.Events;
using Libromi.Connect.Server.Events.Operational;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Telemetry;
using Libromi.Connect.Server.Webhooks;
using Libromi.Connect.Webhooks.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Storage;

/// <summary>
/// The storage contract, written once and run against every provider (one subclass each): leasing, fencing,
/// idempotency and cursor pagination must behave the same on SQLite and PostgreSQL.
/// </summary>
public abstract partial class StoreCompliance : IAsyncLifetime
{
    private static readonly TimeSpan LeaseLength = TimeSpan.FromSeconds(15);
    private readonly IOptions<DeliveryOptions> _options = Options.Create(new DeliveryOptions
    {
        Timeout = TimeSpan.FromSeconds(10),
        LeaseMargin = TimeSpan.FromSeconds(5),
        RetrySchedule = [TimeSpan.FromSeconds(5)],
        RetryJitter = 0,
    });
    private Database? _database;
    private string? _skipReason;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private Database Database => _database ?? throw new SkipException(_skipReason);

    private IdGenerator Ids => new(Time);

    /// <summary>An empty database of the provider under test, or null (with the reason) when it is not available here.</summary>
    protected abstract Task<(Database? Database, string? SkipReason)> CreateDatabaseAsync();

    protected abstract Task DeleteDatabaseAsync();

    public async Task InitializeAsync()
    {
        (_database, _skipReason) = await CreateDatabaseAsync();
        if (_database is not null)
        {
            await _database.MigrateAsync(CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
            await DeleteDatabaseAsync();
        }
    }

    [SkippableFact]
    public async Task Migrating_an_up_to_date_schema_again_changes_nothing()
    {
        var before = await AppliedMigrationsAsync();
        await Database.MigrateAsync(CancellationToken.None);

        Assert.True(before > 0);
        Assert.Equal(before, await AppliedMigrationsAsync());
    }

    private async Task<long> AppliedMigrationsAsync()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await using var count = connection.Sql("SELECT COUNT(*) FROM schema_migrations");
        return Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [SkippableFact]
    public async Task Leasing_returns_only_deliveries_that_are_due()
    {
        var (account, webhook) = await CreateWebhookAsync();
        await AppendEventsAsync(account, 1);
        var first = Assert.Single(await Queue().LeaseAsync(10, [], CancellationToken.None));
        await Recorder().WriteAsync([Failed(first)], CancellationToken.None);
        await AppendEventsAsync(account, 2);

        Time.Advance(TimeSpan.FromSeconds(1));
        var due = await Queue().LeaseAsync(10, [], CancellationToken.None);
        Assert.Equal(2, due.Count);
        Assert.DoesNotContain(due, d => d.Id == first.Id);
        Assert.All(due, d => Assert.Equal(webhook, d.WebhookId));

        Time.Advance(TimeSpan.FromSeconds(4));
        var retry = Assert.Single(await Queue().LeaseAsync(10, [], CancellationToken.None));
        Assert.Equal(first.Id, retry.Id);
        Assert.Equal(1, retry.AttemptCount);
    }

    [SkippableFact]
    public async Task Leasing_skips_the_webhooks_it_is_told_to_leave_out()
    {
        var (account, _) = await CreateWebhookAsync();
        var (_, other) = await CreateWebhookAsync(account);
        await AppendEventsAsync(account, 3);

        var leased = await Queue().LeaseAsync(10, [other], CancellationToken.None);

        Assert.Equal(3, leased.Count);
        Assert.DoesNotContain(leased, d => d.WebhookId == other);
    }

    [SkippableFact]
    public async Task Leasing_moves_the_due_deliveries_of_a_held_webhook_to_its_time_and_a_release_makes_them_due_again()
    {
        var (account, _) = await CreateWebhookAsync();
        var (_, held) = await CreateWebhookAsync(account);
        await AppendEventsAsync(account, 3);
        var hold = new HeldEndpoint(held, Time.GetUtcNow().AddMinutes(10));

        var (leased, moved) = await Queue().LeaseAsync(10, [], [hold], CancellationToken.None);

        Assert.Equal(3, leased.Count);
        Assert.DoesNotContain(leased, d => d.WebhookId == held);
        Assert.Equal(3, moved);
        Assert.Equal(hold.Until, await Queue().NextDueAsync(Time.GetUtcNow().Add(LeaseLength), CancellationToken.None));
        Assert.Empty(await Queue().LeaseAsync(10, [], CancellationToken.None));

        await Queue().ReleaseAsync(hold, CancellationToken.None);

        var released = await Queue().LeaseAsync(10, [], CancellationToken.None);
        Assert.Equal(3, released.Count);
        Assert.All(released, d => Assert.Equal(held, d.WebhookId));
    }

    [SkippableFact]
    public async Task A_leased_delivery_is_not_leased_again_until_its_lease_expires()
    {
        var (account, _) = await CreateWebhookAsync();
        await AppendEventsAsync(account, 1);
        var lease = Assert.Single(await Queue().LeaseAsync(10, [], CancellationToken.None));

        Time.Advance(LeaseLength - TimeSpan.FromMilliseconds(1));
        Assert.Empty(await Queue().LeaseAsync(10, [], CancellationToken.None));
        Assert.Equal(Time.GetUtcNow() + TimeSpan.FromMilliseconds(1), await Queue().NextDueAsync(Time.GetUtcNow().AddDays(-1), CancellationToken.None));

        Time.Advance(TimeSpan.FromMilliseconds(1));
        var again = Assert.Single(await Queue().LeaseAsync(10, [], CancellationToken.None));
        Assert.Equal(lease.Id, again.Id);
        Assert.True(again.LeaseToken > lease.LeaseToken);
    }

    [SkippableFact]
    public async Task An_outcome_with_a_stale_lease_token_is_ignored()
    {
        var (account, _) = await CreateWebhookAsync();
        await AppendEventsAsync(account, 1);
        var stale = Assert.Single(await Queue().LeaseAsync(10, [], CancellationToken.None));
        Time.Advance(LeaseLength);
        var current = Assert.Single(await Queue().LeaseAsync(10, [], CancellationToken.None));

        await Recorder().WriteAsync([Succeeded(stale)], CancellationToken.None);
        var untouched = await FindDeliveryAsync(account, stale.Id);
        Assert.Equal("pending", untouched.Status);
        Assert.Empty(untouched.Attempts!);

        await Recorder().WriteAsync([Succeeded(current)], CancellationToken.None);
        var done = await FindDeliveryAsync(account, stale.Id);
        Assert.Equal("succeeded", done.Status);
        Assert.Single(done.Attempts!);
    }

    [SkippableFact]
    public async Task Leasers_racing_each_other_never_receive_the_same_delivery()
    {
        var (account, _) = await CreateWebhookAsync();
        await AppendEventsAsync(account, 300);

        var leasers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            var mine = new List<long>();
            var queue = Queue();
            while (await queue.LeaseAsync(7, [], CancellationToken.None) is { Count: > 0 } batch)
            {
                mine.AddRange(batch.Select(d => d.Id));
            }
            return mine;
        }));
        var all = (await Task.WhenAll(leasers)).SelectMany(ids => ids).ToList();

        Assert.Equal(300, all.Count);
        Assert.Equal(300, all.Distinct().Count());
    }

    [SkippableFact]
    public async Task A_repeated_idempotency_key_answers_the_first_response_and_creates_nothing()
    {
        var (account, _) = await CreateWebhookAsync();
        var idempotency = new Idempotency(Database, Time, Options.Create(new ApiOptions()));
        var created = 0;

        var first = await RunIdempotentAsync(idempotency, account, "key-1", () => Interlocked.Increment(ref created));
        var second = await RunIdempotentAsync(idempotency, account, "key-1", () => Interlocked.Increment(ref created));

        Assert.Equal(1, created);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal((201, 201), (first.Status, second.Status));
        Assert.Equal("true", second.Replayed);
        Assert.Equal(1, await CountEventsAsync(account));
    }

    [SkippableFact]
    public async Task The_same_idempotency_key_sent_at_once_many_times_creates_once()
    {
        var (account, _) = await CreateWebhookAsync();
        var idempotency = new Idempotency(Database, Time, Options.Create(new ApiOptions()));
        var created = 0;

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            RunIdempotentAsync(idempotency, account, "racing", () => Interlocked.Increment(ref created)))));

        Assert.Equal(1, await CountEventsAsync(account));
        var successes = answers.Where(a => a.Status == 201).ToList();
        Assert.NotEmpty(successes);
        Assert.Single(successes.Select(a => a.Body).Distinct());
        Assert.Equal(successes.Count - 1, successes.Count(a => a.Replayed == "true"));
    }

    [SkippableFact]
    public async Task Cursor_pages_walk_every_item_newest_first_without_gaps_or_repeats()
    {
        var (account, _) = await CreateWebhookAsync();
        var contacts = new ContactService(Database, new EventWriter(Database, Ids, Time, new DeliverySignal(), new DeliveryChanges(), _options, Metrics, NullLogger<EventWriter>.Instance), Ids, Time, new DeliveryChanges());
        var created = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            await using var scope = await Database.BeginWriteAsync(CancellationToken.None);
            created.Add((await contacts.CreateAsync(scope, account, "Contact " + i, "+3161234" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), null, null, CancellationToken.None)).Id);
            await scope.CommitAsync(CancellationToken.None);
            if (i % 5 == 0)
            {
                Time.Advance(TimeSpan.FromMilliseconds(1));
            }
        }

        var walked = new List<string>();
        string? after = null;
        do
        {
            await using var session = await Database.OpenSessionAsync(CancellationToken.None);
            var page = await ContactStore.ListAsync(session, account, new PageRequest(10, after), CancellationToken.None);
            walked.AddRange(page.Data.Select(c => c.Id));
            after = page.NextCursor is null ? null : page.Data[^1].Id;
        }
        while (after is not null);

        Assert.Equal(Enumerable.Reverse(created), walked);
        Assert.Equal(created.Order(StringComparer.Ordinal), created);
    }

    [SkippableFact]
    public async Task A_unique_violation_is_recognised_and_leaves_nothing_behind()
    {
        await CreateWebhookAsync();
        var keys = new ApiKeys(Database, Ids, Time, new ApiKeyCache(Time));
        var key = ApiKeys.NewKey();
        var first = await keys.CreateAccountAsync(key, "first", CancellationToken.None);

        var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => keys.CreateAccountAsync(key, "second", CancellationToken.None));

        Assert.True(Database.IsUniqueViolation(error));
        Assert.False(Database.IsUnavailable(error));
        Assert.Equal(first, await keys.FindAccountAsync(key, CancellationToken.None));
        Assert.Equal(2L, await keys.CountAccountsAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task The_next_due_time_after_a_moment_leaves_out_what_was_due_by_then()
    {
        var (account, _) = await CreateWebhookAsync();
        var (_, later) = await CreateWebhookAsync(account);
        await AppendEventsAsync(account, 1);
        var retry = Time.GetUtcNow().AddSeconds(7);
        await using (var scope = await Database.BeginWriteAsync(CancellationToken.None))
        {
            await using var postpone = scope.Command("UPDATE deliveries SET next_attempt_at = @t WHERE webhook_id = @w")
                .With("@t", retry.ToUnixTimeMilliseconds()).With("@w", later);
            Assert.Equal(1, await postpone.ExecuteNonQueryAsync(CancellationToken.None));
            await scope.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(Time.GetUtcNow(), await Queue().NextDueAsync(Time.GetUtcNow().AddMilliseconds(-1), CancellationToken.None));
        Assert.Equal(retry, await Queue().NextDueAsync(Time.GetUtcNow(), CancellationToken.None));
        Assert.Null(await Queue().NextDueAsync(retry, CancellationToken.None));
    }

    [SkippableFact]
    public async Task An_outcome_the_store_refuses_is_logged_without_the_answer_and_the_rest_of_the_batch_is_stored()
    {
        var (account, webhook) = await CreateWebhookAsync();
        var (otherAccount, _) = await CreateWebhookAsync();
        await AppendEventsAsync(account, 4);
        await AppendEventsAsync(otherAccount, 4);
        var leases = await Queue().LeaseAsync(10, [], CancellationToken.None);
        Assert.Equal(8, leases.Count);
        var poison = leases[3];
        using var recorder = Recorder();
        await recorder.StartAsync(CancellationToken.None);
        foreach (var lease in leases)
        {
            // A NUL is what PostgreSQL refuses in text; the sender never stores one, this is the last line of defence.
            var decided = lease == poison ? Failed(lease) : Succeeded(lease);
            recorder.Enqueue(lease, lease == poison ? decided.Step with { Attempt = decided.Step.Attempt! with { ResponseBody = "a\0b", Error = "HTTP 500 \0" } } : decided.Step);
        }
        await recorder.StopAsync(CancellationToken.None);

        foreach (var lease in leases)
        {
            var delivery = await FindDeliveryAsync(lease.WebhookId == webhook ? account : otherAccount, lease.Id);
            var attempt = Assert.Single(delivery.Attempts!);
            Assert.Equal(1, delivery.AttemptCount);
            if (lease == poison)
            {
                Assert.Equal("pending", delivery.Status);
                Assert.Equal(500, attempt.StatusCode);
                Assert.Equal("http_status", attempt.ErrorKind);
            }
            else
            {
                Assert.Equal("succeeded", delivery.Status);
                Assert.Equal("ok", attempt.ResponseBody);
            }
        }
    }

    private static ConnectMetrics Metrics { get; } = new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());

    private DeliveryQueue Queue() => new(Database, Time, new DeliveryChanges(), _options);

    private OutcomeRecorder Recorder()
    {
        var signal = new DeliverySignal();
        var changes = new DeliveryChanges();
        var events = new EventWriter(Database, Ids, Time, signal, changes, _options, Metrics, NullLogger<EventWriter>.Instance);
        return new(Database, Time, signal, changes, _options, Metrics, new OperationalEvents(events), NullLogger<OutcomeRecorder>.Instance);
    }

    private DecidedOutcome Succeeded(LeasedDelivery lease) =>
        Decide(lease, new Delivered(lease, Time.GetUtcNow(), 12, new AttemptResponse(200, "{}", "ok")));

    private DecidedOutcome Failed(LeasedDelivery lease) =>
        Decide(lease, new Failed(lease, Time.GetUtcNow(), 12, ErrorKinds.HttpStatus, "HTTP 500", new AttemptResponse(500, "{}", "down")));

    private DecidedOutcome Decide(LeasedDelivery lease, AttemptOutcome outcome) =>
        new(lease, DeliveryTransition.Next(lease, outcome, Time.GetUtcNow(), new RetryPolicy(_options.Value, new Random(7))));

    private async Task<(string Account, string Webhook)> CreateWebhookAsync(string? account = null)
    {
        account ??= await new ApiKeys(Database, Ids, Time, new ApiKeyCache(Time)).CreateAccountAsync(ApiKeys.NewKey(), "Compliance", CancellationToken.None);
        var now = Time.GetUtcNow();
        var webhook = new Webhook(Ids.New("wh"), "https://example.com/hook", ["contact.created"], null, true, null, "none", null, null, null, null, "hmac", null, null, "whsec_" + Convert.ToBase64String(new byte[24]), null, now, now);
        await using var scope = await Database.BeginWriteAsync(CancellationToken.None);
        await WebhookStore.InsertAsync(scope, account, webhook, EventCatalog.Find("contact.created")!.Bit, null, WebhookEndpoint.None, CancellationToken.None);
        await scope.CommitAsync(CancellationToken.None);
        return (account, webhook.Id);
    }

    private async Task AppendEventsAsync(string account, int count)
    {
        var events = new EventWriter(Database, Ids, Time, new DeliverySignal(), new DeliveryChanges(), _options, Metrics, NullLogger<EventWriter>.Instance);
        await using var scope = await Database.BeginWriteAsync(CancellationToken.None);
        for (var i = 0; i < count; i++)
        {
            await events.AppendAsync(scope, account, NewContact("Contact " + i), CancellationToken.None);
        }
        await scope.CommitAsync(CancellationToken.None);
    }

    private ContactCreated NewContact(string name)
    {
        var now = Time.GetUtcNow();
        return new(new Contact(Ids.New("con"), name, "+441234567890", null, JsonElement.Parse("{}"), now, now));
    }

    private async Task<long> CountEventsAsync(string account)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await using var count = connection.Sql("SELECT COUNT(*) FROM events WHERE account_id = @a").With("@a", account);
        return Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<DeliveryView> FindDeliveryAsync(string account, long id)
    {
        await using var session = await Database.OpenSessionAsync(CancellationToken.None);
        return (await DeliveryStore.FindAsync(session, account, id, CancellationToken.None))!;
    }

    private async Task<(int Status, string Body, string Replayed)> RunIdempotentAsync(Idempotency idempotency, string account, string key, Action onCreate)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Path = "/api/v1/things";
        http.Request.Headers[Idempotency.Header] = key;
        var events = new EventWriter(Database, Ids, Time, new DeliverySignal(), new DeliveryChanges(), _options, Metrics, NullLogger<EventWriter>.Instance);
        var result = await idempotency.RunAsync(http, account, new { name = "thing" }, async (scope, ct) =>
        {
            var id = await events.AppendAsync(scope, account, NewContact("thing"), ct);
            onCreate();
            return TypedResults.Created(default(string), new { id });
        });
        var body = new MemoryStream();
        http.Response.Body = body;
        await result.ExecuteAsync(http);
        return (http.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()), http.Response.Headers["Idempotent-Replayed"].ToString());
    }
}
