using Libromi.Connect.Webhooks.AspNetCore;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Webhooks.Tests.AspNetCore;

public sealed class MemoryWebhookIdempotencyStoreTests
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ReplayWindow = 2 * Tolerance;
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task An_id_can_be_claimed_once_until_it_is_released()
    {
        var store = new MemoryWebhookIdempotencyStore(timeProvider: _time);

        Assert.True(await store.TryClaimAsync("evt_1", default));
        Assert.False(await store.TryClaimAsync("evt_1", default));
        await store.ReleaseAsync("evt_1", default);
        Assert.True(await store.TryClaimAsync("evt_1", default));
    }

    [Fact]
    public async Task A_completed_id_stays_taken_for_the_retention_and_for_twice_the_tolerance_after_it_was_last_offered()
    {
        var store = new MemoryWebhookIdempotencyStore(retention: TimeSpan.FromHours(1), timeProvider: _time, tolerance: Tolerance);
        await store.TryClaimAsync("evt_1", default);
        await store.CompleteAsync("evt_1", default);

        await store.ReleaseAsync("evt_1", default);
        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.False(await store.TryClaimAsync("evt_1", default));

        // Each offer may have carried a timestamp that a replay can use for up to twice the tolerance.
        _time.Advance(ReplayWindow - TimeSpan.FromSeconds(1));
        Assert.False(await store.TryClaimAsync("evt_1", default));
        _time.Advance(ReplayWindow);
        Assert.True(await store.TryClaimAsync("evt_1", default));
    }

    [Fact]
    public async Task Past_its_capacity_the_store_forgets_the_oldest_ids_that_no_replay_can_verify_any_more()
    {
        var store = new MemoryWebhookIdempotencyStore(capacity: 3, timeProvider: _time, tolerance: Tolerance);
        foreach (var id in new[] { "evt_1", "evt_2", "evt_3" })
        {
            await store.TryClaimAsync(id, default);
            await store.CompleteAsync(id, default);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        _time.Advance(ReplayWindow - TimeSpan.FromMinutes(3));
        Assert.True(await store.TryClaimAsync("evt_4", default));
        Assert.Equal(3, store.Count);

        // Still within its retention, evt_1 claims again only because it was forgotten to make room for evt_4.
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await store.TryClaimAsync("evt_1", default));
        Assert.False(await store.TryClaimAsync("evt_3", default));
        Assert.False(await store.TryClaimAsync("evt_4", default));
    }

    [Fact]
    public async Task A_full_store_refuses_a_new_id_rather_than_forget_one_a_replay_could_still_verify()
    {
        var store = new MemoryWebhookIdempotencyStore(capacity: 3, timeProvider: _time, tolerance: Tolerance);
        foreach (var id in new[] { "evt_1", "evt_2", "evt_3" })
        {
            await store.TryClaimAsync(id, default);
            await store.CompleteAsync(id, default);
        }

        _time.Advance(TimeSpan.FromMinutes(4));
        var full = await Assert.ThrowsAsync<WebhookIdempotencyStoreFullException>(() => store.TryClaimAsync("evt_4", default).AsTask());
        Assert.Equal(ReplayWindow - TimeSpan.FromMinutes(4), full.RetryAfter);

        _time.Advance(full.RetryAfter - TimeSpan.FromSeconds(1));
        Assert.False(await store.TryClaimAsync("evt_1", default));
        await Assert.ThrowsAsync<WebhookIdempotencyStoreFullException>(() => store.TryClaimAsync("evt_4", default).AsTask());
        Assert.Equal(3, store.Count);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await store.TryClaimAsync("evt_4", default));
        Assert.False(await store.TryClaimAsync("evt_1", default));
        Assert.Equal(3, store.Count);
    }

    [Fact]
    public async Task A_claim_still_in_progress_is_never_forgotten_to_make_room()
    {
        var store = new MemoryWebhookIdempotencyStore(capacity: 1, timeProvider: _time, tolerance: Tolerance);
        await store.TryClaimAsync("evt_1", default);

        _time.Advance(TimeSpan.FromDays(2));

        var full = await Assert.ThrowsAsync<WebhookIdempotencyStoreFullException>(() => store.TryClaimAsync("evt_2", default).AsTask());
        Assert.Equal(TimeSpan.Zero, full.RetryAfter);
        Assert.False(await store.TryClaimAsync("evt_1", default));
        await store.ReleaseAsync("evt_1", default);
        Assert.True(await store.TryClaimAsync("evt_2", default));
    }

    [Fact]
    public void A_negative_tolerance_or_a_retention_that_is_not_positive_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryWebhookIdempotencyStore(tolerance: TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryWebhookIdempotencyStore(retention: TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryWebhookIdempotencyStore(capacity: 0));
    }
}
