using System.Net.Http.Headers;

namespace Libromi.Connect.Bench.Server;

/// <summary>
/// The real server (the built Libromi.Connect.Server.dll) as its own process on a SQLite file, with its API client and a
/// read-only view of its database for progress.
/// </summary>
public sealed class LibromiProcess : IAsyncDisposable
{
    public const string ApiKey = "lbk_bench_0123456789abcdef0123456789abcdef";

    private LibromiProcess(ChildProcess process, Uri baseAddress, string databasePath)
    {
        Process = process;
        Store = new StoreProbe(databasePath);
        Api = new ApiClient(CreateClient(baseAddress));
    }

    public ChildProcess Process { get; }

    public ApiClient Api { get; }

    public StoreProbe Store { get; }

    /// <summary>
    /// Starts a server on <paramref name="databasePath"/>. With <paramref name="paused"/> the dispatcher gets no capacity
    /// (<c>Delivery:MaxConcurrency=0</c>), so events and their deliveries are committed but nothing is sent.
    /// </summary>
    public static async Task<LibromiProcess> StartAsync(string databasePath, bool paused, IReadOnlyDictionary<string, string>? settings, CancellationToken cancellationToken)
    {
        var port = ChildProcess.FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var args = new List<string>
        {
            "--urls", baseAddress.ToString(), "--environment", "Production",
            $"--Storage:ConnectionString=Data Source={databasePath}",
            "--Delivery:AllowPrivateNetworks=true",
        };
        if (paused)
        {
            args.Add("--Delivery:MaxConcurrency=0");
        }
        args.AddRange((settings ?? new Dictionary<string, string>()).Select(s => $"--{s.Key}={s.Value}"));
        var dll = Path.Combine(AppContext.BaseDirectory, "Libromi.Connect.Server.dll");
        var child = ChildProcess.Start(dll, args, new Dictionary<string, string>
        {
            ["LIBROMI_API_KEY"] = ApiKey,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        });
        await child.WaitForLineAsync("Now listening on", TimeSpan.FromSeconds(60), cancellationToken);
        return new LibromiProcess(child, baseAddress, databasePath);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Process.DisposeAsync();
    }

    private static HttpClient CreateClient(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false };
        var client = new HttpClient(handler) { BaseAddress = new Uri(baseAddress, "/api/v1/"), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }
}
