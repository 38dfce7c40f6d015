using System.Net.Http.Headers;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Bench.Server;

/// <summary>
/// The real server (the built Libromi.Connect.Server.dll) as its own process on a SQLite file or a PostgreSQL database,
/// with its API client and a read-only view of its store for progress.
/// </summary>
public sealed class LibromiProcess : IAsyncDisposable
{
    public const string ApiKey = "lbk_bench_0123456789abcdef0123456789abcdef";

    private readonly ServerProcess _server;

    private LibromiProcess(ServerProcess server, StoreProbe store)
    {
        _server = server;
        Store = store;
        Api = new ApiClient(CreateClient(server.BaseAddress));
    }

    public Uri BaseAddress => _server.BaseAddress;

    public ChildProcess Process => _server.Process;

    public ApiClient Api { get; }

    public StoreProbe Store { get; }

    /// <summary>
    /// Starts a server on <paramref name="databasePath"/>. With <paramref name="paused"/> the dispatcher gets no capacity
    /// (<c>Delivery:MaxConcurrency=0</c>), so events and their deliveries are committed but nothing is sent.
    /// </summary>
    public static async Task<LibromiProcess> StartAsync(string databasePath, bool paused, IReadOnlyDictionary<string, string>? settings, CancellationToken cancellationToken)
    {
        var storage = new Dictionary<string, string> { ["Storage:ConnectionString"] = $"Data Source={databasePath}" };
        return await StartAsync(storage, StoreProbe.Sqlite(databasePath), paused, settings, cancellationToken);
    }

    /// <summary>Starts a node on the PostgreSQL database <paramref name="connectionString"/>; several may share one.</summary>
    public static Task<LibromiProcess> StartPostgresAsync(string connectionString, CancellationToken cancellationToken) =>
        StartPostgresAsync(connectionString, null, cancellationToken);

    /// <summary>As <see cref="StartPostgresAsync(string, CancellationToken)"/>, with more <paramref name="settings"/>.</summary>
    public static Task<LibromiProcess> StartPostgresAsync(string connectionString, IReadOnlyDictionary<string, string>? settings, CancellationToken cancellationToken)
    {
        var storage = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = connectionString,
        };
        return StartAsync(storage, StoreProbe.Postgres(connectionString), paused: false, settings, cancellationToken);
    }

    private static async Task<LibromiProcess> StartAsync(Dictionary<string, string> storage, StoreProbe store, bool paused,
        IReadOnlyDictionary<string, string>? settings, CancellationToken cancellationToken)
    {
        var all = storage.ToDictionary(s => s.Key, s => (string?)s.Value);
        all["Delivery:AllowPrivateNetworks"] = "true";
        if (paused)
        {
            all["Delivery:MaxConcurrency"] = "0";
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }
        var server = await ServerProcess.StartAsync(ApiKey, all, TimeSpan.FromSeconds(60), cancellationToken);
        return new LibromiProcess(server, store);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await _server.DisposeAsync();
    }

    private static HttpClient CreateClient(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false };
        var client = new HttpClient(handler) { BaseAddress = new Uri(baseAddress, "/api/v1/"), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }
}
