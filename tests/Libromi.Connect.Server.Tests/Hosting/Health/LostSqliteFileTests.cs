using Libromi.Connect.Server.Storage;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Hosting.Health;

/// <summary>
/// A SQLite file deleted under a running server leaves its <c>-wal</c> and <c>-shm</c> behind after shutdown: the next
/// start refuses, naming the path and the setting, instead of silently beginning an empty store. The operator may ask
/// for one (<c>Storage:SqliteStartEmpty=true</c>); a fresh directory starts as ever.
/// </summary>
public sealed class LostSqliteFileTests
{
    [Fact]
    public async Task After_the_file_was_deleted_under_the_server_a_restart_refuses_and_the_override_starts_an_empty_store()
    {
        await using var server = await TestServer.StartAsync();
        using (var client = server.CreateClient())
        {
            await client.PostOkAsync("contacts", new { name = "Acknowledged", phone = "+15550005000" });
        }
        File.Delete(server.DatabasePath);
        await server.StopAsync();
        Assert.True(File.Exists(server.DatabasePath + "-wal"), "SQLite keeps the log of a file that was deleted while open.");

        var refused = await Assert.ThrowsAsync<StoreUnavailableException>(server.RestartAsync);
        Assert.Contains(server.DatabasePath, refused.Message);
        Assert.Contains("Storage:SqliteStartEmpty=true", refused.Message);
        Assert.False(File.Exists(server.DatabasePath), "A refused start must not create the file.");

        server.Settings["Storage:SqliteStartEmpty"] = "true";
        await server.RestartAsync();

        (await HealthProbe.GetAsync(server.BaseAddress, "/healthz/ready")).AssertHealthy("store", "dispatcher");
        using var fresh = server.CreateClient();
        Assert.Equal(0, (await fresh.GetOkAsync("contacts")).GetProperty("data").GetArrayLength());
        var setAside = Directory.GetFiles(server.Directory, "libromi.db-wal.orphaned-*");
        Assert.Single(setAside);
        Assert.True(new FileInfo(setAside[0]).Length > 0, "The lost database's log is kept, renamed aside.");
    }

    [Fact]
    public async Task A_leftover_log_without_its_file_ends_the_process_with_code_1_and_one_line_naming_the_path_and_the_setting()
    {
        var directory = Path.Combine(Path.GetTempPath(), "libromi-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "libromi.db");
        await File.WriteAllBytesAsync(file + "-wal", [1, 2, 3]);

        var (exitCode, output) = await ServerProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["Storage:ConnectionString"] = $"Data Source={file}",
        });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("Libromi Connect cannot start:", line);
        Assert.Contains($"'{file}' is missing", line);
        Assert.Contains("Storage:SqliteStartEmpty=true", line);
        Assert.False(File.Exists(file));
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task A_fresh_directory_starts_and_creates_the_store()
    {
        await using var server = await TestServer.StartAsync();

        Assert.True(File.Exists(server.DatabasePath));
        Assert.Empty(Directory.GetFiles(server.Directory, "*.orphaned-*"));
        (await HealthProbe.GetAsync(server.BaseAddress, "/healthz/ready")).AssertHealthy("store", "dispatcher");
    }
}
