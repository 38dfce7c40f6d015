using Npgsql;

namespace Libromi.Connect.Testing.Postgres;

/// <summary>
/// A throwaway PostgreSQL server made with the installed binaries: <c>initdb</c> into a temporary folder, <c>pg_ctl</c>
/// on a free loopback port with its socket in that folder, everything deleted on dispose. Tuned for tests (no fsync).
/// As root the binaries run as the <c>postgres</c> user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _directory;

    private PostgresCluster(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Connects as the superuser to the <c>postgres</c> database.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=5";

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>The folder holding <c>initdb</c> and <c>pg_ctl</c>, or null when no server is installed.</summary>
    public static string? FindBinaries()
    {
        var versioned = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return versioned ?? (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "initdb")));
    }

    public static async Task<PostgresCluster> StartAsync(string bin)
    {
        var directory = Path.Combine(Path.GetTempPath(), "libromi-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var cluster = new PostgresCluster(bin, directory, ChildProcess.FreePort());
        try
        {
            await cluster.InitAsync();
            await cluster.StartServerAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server again after <see cref="StopServerAsync"/>, on the same port and data.</summary>
    public Task StartServerAsync() =>
        RunAsync("pg_ctl", "start", "-w", "-t", "60", "-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"));

    /// <summary>Stops the server the way an operator restarting it would (fast shutdown: sessions are cut).</summary>
    public Task StopServerAsync() => RunAsync("pg_ctl", "stop", "-w", "-m", "fast", "-D", DataDirectory);

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                await RunAsync("pg_ctl", "stop", "-w", "-m", "immediate", "-D", DataDirectory);
            }
            catch (InvalidOperationException)
            {
                // Already stopped: nothing to do but delete it.
            }
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temporary folder is left for the OS to clean.
        }
    }

    /// <summary>
    /// Leaves a small shell watching this process: once it is gone (finished, crashed or killed) the shell stops the
    /// server and deletes its folder. In-process exit handlers do not run on a kill, nor reliably under a test host.
    /// </summary>
    public void DeleteWhenProcessExits()
    {
        var pgCtl = Path.Combine(_bin, "pg_ctl");
        var stop = Environment.IsPrivilegedProcess ? $"runuser -u postgres -- '{pgCtl}'" : $"'{pgCtl}'";
        var script = $"exec >/dev/null 2>&1 </dev/null; while kill -0 {Environment.ProcessId}; do sleep 1; done; "
            + $"{stop} stop -m immediate -D '{DataDirectory}'; rm -rf '{_directory}'";
        ChildProcess.StartDetached("sh", ["-c", script]);
    }

    private async Task InitAsync()
    {
        if (Environment.IsPrivilegedProcess)
        {
            await RunProcessAsync("chown", "postgres:", _directory);
        }
        await RunAsync("initdb", "-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), $"""

            port = {Port}
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{_directory}'
            max_connections = 400
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            """);
    }

    private Task RunAsync(string tool, params string[] arguments) =>
        Environment.IsPrivilegedProcess
            ? RunProcessAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
            : RunProcessAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunProcessAsync(string fileName, params string[] arguments) =>
        (await ChildProcess.RunAsync(fileName, arguments, Path.GetTempPath())).EnsureSuccess();

    /// <summary>Opens a superuser connection, for creating and dropping test databases.</summary>
    public async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
