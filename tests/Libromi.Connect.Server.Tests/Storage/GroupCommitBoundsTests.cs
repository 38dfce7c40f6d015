using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Storage;

/// <summary>A group closes after <see cref="StorageOptions.WriteGroupMaxUnits"/> units or <see cref="StorageOptions.WriteGroupMaxDuration"/>.</summary>
public sealed class GroupCommitBoundsTests : IAsyncLifetime
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

    private async Task WriteAccountAsync(string id)
    {
        await using var scope = await _database.BeginWriteAsync(CancellationToken.None);
        await AccountStore.InsertAsync(scope, id, id, "hash_" + id, _time.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None);
        await scope.CommitAsync(CancellationToken.None);
    }
}
