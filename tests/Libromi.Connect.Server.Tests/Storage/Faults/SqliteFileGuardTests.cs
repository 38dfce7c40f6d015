using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Storage.Faults;

/// <summary>
/// The writer checks the file again just before it commits: a file moved away while a unit was writing gets nothing
/// committed into it, so nothing is acknowledged that the file at the path would not hold.
/// </summary>
public sealed class SqliteFileGuardTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "libromi-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private SqliteDatabase _database = null!;

    private string DatabasePath => Path.Combine(_directory, "libromi.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _database = new SqliteDatabase(new StorageOptions { ConnectionString = $"Data Source={DatabasePath}" }, _time);
        await _database.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_file_moved_away_between_a_units_writes_and_its_commit_gets_nothing_committed()
    {
        await WriteAccountAsync("acc_before");
        var scope = await _database.BeginWriteAsync(CancellationToken.None);
        await AccountStore.InsertAsync(scope, new Account("acc_during", "acc_during", DateTimeOffset.UnixEpoch, null), CancellationToken.None);

        File.Move(DatabasePath, DatabasePath + ".aside");
        var refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => scope.CommitAsync(CancellationToken.None));
        await scope.DisposeAsync();
        File.Move(DatabasePath + ".aside", DatabasePath);

        Assert.Contains("deleted or moved", refused.Message);
        await WriteAccountAsync("acc_after");
        Assert.Equal(["acc_after", "acc_before"], await AccountIdsAsync());
    }

    private async Task WriteAccountAsync(string id)
    {
        await using var scope = await _database.BeginWriteAsync(CancellationToken.None);
        await AccountStore.InsertAsync(scope, new Account(id, id, DateTimeOffset.UnixEpoch, null), CancellationToken.None);
        await scope.CommitAsync(CancellationToken.None);
    }

    private async Task<List<string>> AccountIdsAsync()
    {
        await using var session = await _database.OpenSessionAsync(CancellationToken.None);
        await using var read = session.Command("SELECT id FROM accounts ORDER BY id");
        await using var reader = await read.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }
}
