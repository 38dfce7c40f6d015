using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Storage;

/// <summary>
/// The group-commit writer's bounds (a group closes after <see cref="StorageOptions.WriteGroupMaxUnits"/> units or
/// <see cref="StorageOptions.WriteGroupMaxDuration"/>) and its answer when SQLite refuses a transaction.
/// </summary>
public sealed class SqliteGroupCommitTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "libromi-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private SqliteDatabase _database = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _database = new SqliteDatabase(new StorageOptions
        {
            ConnectionString = $"Data Source={Path.Combine(_directory, "libromi.db")}",
            WriteGroupMaxUnits = 3,
            WriteGroupMaxDuration = TimeSpan.FromMilliseconds(5),
            SqliteBusyTimeout = TimeSpan.FromMilliseconds(200),
        }, _time);
        await _database.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_group_takes_in_at_most_the_configured_number_of_units()
    {
        var before = _database.Writer.Statistics;
        var holder = await _database.BeginWriteAsync(CancellationToken.None);
        var waiting = Enumerable.Range(0, 7).Select(i => WriteAccountAsync($"acc_{i}")).ToList();

        await holder.CommitAsync(CancellationToken.None);
        await Task.WhenAll(waiting);

        var after = _database.Writer.Statistics;
        Assert.Equal((3L, 8L), (after.Groups - before.Groups, after.Units - before.Units));
    }

    [Fact]
    public async Task A_group_that_has_run_for_the_configured_time_commits_without_taking_in_more()
    {
        var before = _database.Writer.Statistics;
        var slow = await _database.BeginWriteAsync(CancellationToken.None);
        var waiting = Enumerable.Range(0, 2).Select(i => WriteAccountAsync($"acc_late_{i}")).ToList();

        _time.Advance(TimeSpan.FromMilliseconds(6));
        await slow.CommitAsync(CancellationToken.None);
        await Task.WhenAll(waiting);

        // The slow unit's group closed after it; the two that waited meanwhile share the next commit.
        Assert.Equal(2L, _database.Writer.Statistics.Groups - before.Groups);
    }

    [Fact]
    public async Task When_another_process_holds_the_write_lock_every_unit_waiting_is_refused_together()
    {
        var units = new List<Task>();
        await using (var other = new SqliteConnection($"Data Source={Path.Combine(_directory, "libromi.db")};Pooling=False"))
        {
            await other.OpenAsync();
            await using var hold = other.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE";
            await hold.ExecuteNonQueryAsync();

            units.AddRange(Enumerable.Range(0, 5).Select(i => WriteAccountAsync($"acc_locked_{i}")));
            // Released as soon as the first unit is refused: a unit still waiting would then get the lock, had it not
            // been refused with the first (one busy timeout for all, not one each).
            await Assert.ThrowsAsync<StoreUnavailableException>(() => units[0]);
        }

        foreach (var unit in units)
        {
            var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => unit);
            Assert.True(_database.IsUnavailable(refused));
        }
        // That the writer heals once the lock is released is SqliteFaultTests' (through a whole server).
    }

    private async Task WriteAccountAsync(string id)
    {
        await using var scope = await _database.BeginWriteAsync(CancellationToken.None);
        await AccountStore.InsertAsync(scope, new Account(id, id, _time.GetUtcNow(), null), CancellationToken.None);
        await scope.CommitAsync(CancellationToken.None);
    }
}
