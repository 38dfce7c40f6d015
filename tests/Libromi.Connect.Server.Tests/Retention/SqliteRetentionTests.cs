using Libromi.Connect.Server.Retention;
using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Libromi.Connect.Server.Tests.Retention;

public sealed class SqliteRetentionTests : RetentionCompliance
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "libromi-tests", Guid.NewGuid().ToString("N"));

    private string FilePath => Path.Combine(_directory, "libromi.db");

    [Fact]
    public async Task A_new_file_uses_incremental_auto_vacuum()
    {
        Assert.Equal(2, await CountAsync("PRAGMA auto_vacuum"));
        Assert.False(((SqliteDatabase)Database).ConvertedToIncrementalVacuum);
    }

    [Fact]
    public async Task An_existing_file_without_auto_vacuum_is_converted_at_start_and_keeps_its_data()
    {
        var kept = await SeedEventAsync(Ago(1), (1, Ago(1)));
        await using (var old = new SqliteConnection($"Data Source={FilePath};Pooling=False"))
        {
            await old.OpenAsync();
            await using var none = old.CreateCommand();
            none.CommandText = "PRAGMA auto_vacuum=NONE; VACUUM;";
            await none.ExecuteNonQueryAsync();
        }
        Assert.Equal(0, await CountAsync("PRAGMA auto_vacuum"));

        await using var restarted = new SqliteDatabase(new StorageOptions { ConnectionString = $"Data Source={FilePath}" }, Time);
        await restarted.MigrateAsync(CancellationToken.None);

        Assert.True(restarted.ConvertedToIncrementalVacuum);
        Assert.Equal(2, await CountAsync("PRAGMA auto_vacuum"));
        Assert.Equal(1, await CountAsync($"SELECT COUNT(*) FROM events WHERE id = '{kept}'"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM delivery_attempts"));
    }

    [Fact]
    public async Task After_the_purge_and_the_vacuum_the_file_shrinks_and_stops_growing_under_the_same_load()
    {
        await SeedOldEventsAsync(2000);
        var full = await CountAsync("PRAGMA page_count");

        var runs = await Purge(new SqliteVacuum(Database)).RunOnceAsync(Time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(2000 * 5, runs.Single(r => r.Step == "events").Rows);
        Assert.True(runs.Single(r => r.Step == "vacuum").Rows > 0);
        var purged = await CountAsync("PRAGMA page_count");
        Assert.True(purged < full / 2, $"{purged} pages after the purge, {full} before");

        await SeedOldEventsAsync(2000);
        await Purge(new SqliteVacuum(Database)).RunOnceAsync(Time.GetUtcNow(), CancellationToken.None);
        await SeedOldEventsAsync(2000);
        Assert.True(await CountAsync("PRAGMA page_count") <= full * 11 / 10, "the second window needs no more pages than the first");
    }

    [Fact]
    public async Task A_step_that_fails_is_recorded_and_the_steps_after_it_still_run()
    {
        await SeedEventAsync(Ago(40), (1, Ago(40)));
        File.Delete(FilePath);
        SqliteConnection.ClearAllPools();
        var after = new CountingStep();

        var runs = await Purge(after).RunOnceAsync(Time.GetUtcNow(), CancellationToken.None);

        Assert.NotNull(runs.Single(r => r.Step == "events").Error);
        Assert.NotNull(Runs.Last("idempotency_keys")?.Error);
        Assert.Equal((1, 7L, null), (after.Calls, Runs.Last("counting")!.Rows, Runs.Last("counting")!.Error));
    }

    private async Task SeedOldEventsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await SeedEventAsync(Ago(40) + TimeSpan.FromSeconds(i), (1, Ago(40)), (2, Ago(40)));
        }
    }

    private sealed class CountingStep : IPurgeStep
    {
        public int Calls { get; private set; }

        public string Name => "counting";

        public Task<long> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult(7L);
        }
    }

    protected override Task<(Database? Database, string? SkipReason)> CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_directory);
        Database database = new SqliteDatabase(new StorageOptions { ConnectionString = $"Data Source={FilePath}" }, Time);
        return Task.FromResult<(Database?, string?)>((database, null));
    }

    protected override Database SecondNode() => new SqliteDatabase(new StorageOptions { ConnectionString = $"Data Source={FilePath}" }, Time);

    protected override Task DeleteDatabaseAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
