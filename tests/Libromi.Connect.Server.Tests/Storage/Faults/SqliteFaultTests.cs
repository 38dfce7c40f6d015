using System.Net;
using System.Text.Json;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;
using Microsoft.Data.Sqlite;

namespace Libromi.Connect.Server.Tests.Storage.Faults;

/// <summary>
/// Faults of the embedded store itself: a full disk, a lock held by another process, the file deleted or damaged.
/// Each is answered 503 problem+json with Retry-After, stores nothing, and heals without a restart once it clears.
/// </summary>
public sealed class SqliteFaultTests
{
    [SkippableFact]
    public async Task A_full_disk_answers_503_stores_nothing_and_heals_once_space_is_freed()
    {
        await using var disk = await SmallDisk.TryMountAsync(8);
        Skip.If(disk is null, SmallDisk.Unavailable);
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(disk.Path, "libromi.db")}",
        });
        using var client = server.CreateClient();
        await disk.FillAsync();

        // Free pages in the file and the WAL may take a few more writes; each one that succeeds is really stored.
        var stored = new List<string>();
        ApiAnswer? refused = null;
        for (var i = 0; i < 500; i++)
        {
            var name = $"Contact {i} " + new string('x', 150);
            var answer = await client.PostAsync("contacts", JsonSerializer.Serialize(new { name, phone = $"+1555{i:D7}" }));
            if (answer.Status != HttpStatusCode.Created)
            {
                refused = answer;
                break;
            }
            stored.Add(answer.Json.Str("id"));
        }

        Assert.NotNull(refused);
        AssertStoreUnavailable(refused);
        disk.Free();
        var healed = await client.PostAsync("contacts", JsonSerializer.Serialize(new { name = "After", phone = "+15559999999" }));
        Assert.Equal(HttpStatusCode.Created, healed.Status);
        var listed = await ListContactIdsAsync(client);
        Assert.Equal(stored.Count + 1, listed.Count);
        Assert.All(stored, id => Assert.Contains(id, listed));
    }

    [Fact]
    public async Task A_write_lock_held_by_another_process_answers_503_after_the_busy_timeout_and_heals_when_released()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Storage:SqliteBusyTimeout"] = "00:00:00.200" });
        using var client = server.CreateClient();
        var before = (await ListContactIdsAsync(client)).Count;

        await using (var other = new SqliteConnection($"Data Source={server.DatabasePath};Pooling=False"))
        {
            await other.OpenAsync();
            await using var hold = other.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE";
            await hold.ExecuteNonQueryAsync();

            AssertStoreUnavailable(await client.PostAsync("contacts", JsonSerializer.Serialize(new { name = "Blocked", phone = "+15550001000" })));
        }

        Assert.Equal(before, (await ListContactIdsAsync(client)).Count);
        var healed = await client.PostAsync("contacts", JsonSerializer.Serialize(new { name = "Free", phone = "+15550001001" }));
        Assert.Equal(HttpStatusCode.Created, healed.Status);
    }

    [Fact]
    public async Task A_database_file_deleted_under_the_server_answers_503_and_heals_when_it_is_put_back()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.CreateClient();
        var kept = await client.PostOkAsync("contacts", new { name = "Kept", phone = "+15550002000" });

        var aside = server.DatabasePath + ".aside";
        File.Move(server.DatabasePath, aside);
        AssertStoreUnavailable(await client.PostAsync("contacts", JsonSerializer.Serialize(new { name = "Lost", phone = "+15550002001" })));
        Assert.False(File.Exists(server.DatabasePath));

        File.Move(aside, server.DatabasePath);
        var healed = await client.PostAsync("contacts", JsonSerializer.Serialize(new { name = "Back", phone = "+15550002002" }));
        Assert.Equal(HttpStatusCode.Created, healed.Status);
        var listed = await ListContactIdsAsync(client);
        Assert.Equal([healed.Json.Str("id"), kept.Str("id")], listed);
    }

    [Fact]
    public async Task A_corrupt_database_at_start_up_exits_with_code_1_and_one_line_that_names_the_file()
    {
        var directory = Path.Combine(Path.GetTempPath(), "libromi-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "libromi.db");
        await File.WriteAllBytesAsync(file, [.. Enumerable.Range(0, 20_000).Select(i => (byte)(i * 7919 % 251))]);

        var (exitCode, output) = await ServerProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["Storage:ConnectionString"] = $"Data Source={file}",
        });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("Libromi Connect cannot start:", line);
        Assert.Contains(file, line);
        Assert.Contains("not a database", line);
        Directory.Delete(directory, recursive: true);
    }

    private static void AssertStoreUnavailable(ApiAnswer answer)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal("Store unavailable", answer.Json.Str("title"));
        Assert.Equal("5", answer.Header("Retry-After"));
    }

    private static async Task<List<string>> ListContactIdsAsync(HttpClient client)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.GetOkAsync("contacts?limit=100" + (cursor is null ? "" : "&cursor=" + cursor));
            ids.AddRange(page.GetProperty("data").EnumerateArray().Select(c => c.Str("id")));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);
        return ids;
    }
}
