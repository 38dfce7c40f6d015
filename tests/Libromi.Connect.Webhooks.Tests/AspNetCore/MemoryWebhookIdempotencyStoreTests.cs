using Libromi.Connect.Webhooks.AspNetCore;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Webhooks.Tests.AspNetCore;

public sealed class MemoryWebhookIdempotencyStoreTests
{
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
    public async Task A_completed_id_stays_taken_for_the_retention_and_is_then_forgotten()
    {
        var store = new MemoryWebhookIdempotencyStore(retention: TimeSpan.FromHours(1), timeProvider: _time);
        await store.TryClaimAsync("evt_1", default);
        await store.CompleteAsync("evt_1", default);

        await store.ReleaseAsync("evt_1", default);
        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.False(await store.TryClaimAsync("evt_1", default));

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await store.TryClaimAsync("evt_1", default));
    }

    [Fact]
    public async Task Past_its_capacity_the_store_forgets_the_oldest_ids_first()
    {
        var store = new MemoryWebhookIdempotencyStore(capacity: 3, timeProvider: _time);
        foreach (var id in new[] { "evt_1", "evt_2", "evt_3", "evt_4" })
        {
            await store.TryClaimAsync(id, default);
            await store.CompleteAsync(id, default);
        }

        Assert.Equal(3, store.Count);
        Assert.True(await store.TryClaimAsync("evt_1", default));
        Assert.False(await store.TryClaimAsync("evt_3", default));
        Assert.False(await store.TryClaimAsync("evt_4", default));
    }
}
