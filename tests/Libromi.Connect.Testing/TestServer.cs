using System.Net.Http.Headers;
using Libromi.Connect.Server;
using Libromi.Connect.Server.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Libromi.Connect.Testing;

/// <summary>
/// A real Libromi Connect server in this process: Kestrel on a free loopback port, a real SQLite file in a temporary
/// folder. <see cref="RestartAsync"/> stops it and starts a new one on the same file.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly TimeProvider? _time;
    private readonly Action<WebApplicationBuilder>? _configure;
    private WebApplication? _app;

    private TestServer(string directory, Dictionary<string, string?> settings, TimeProvider? time, Action<WebApplicationBuilder>? configure)
    {
        Directory = directory;
        Settings = settings;
        _time = time;
        _configure = configure;
    }

    /// <summary>The API key of the account the server was started with.</summary>
    public string ApiKey { get; } = ApiKeys.NewKey();

    public string Directory { get; }

    /// <summary>
    /// Configuration keys passed at every start; change them before <see cref="RestartAsync"/> to restart differently.
    /// A null value passes nothing for that key, so the server's own default applies.
    /// </summary>
    public Dictionary<string, string?> Settings { get; }

    public string DatabasePath => Path.Combine(Directory, "libromi.db");

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>
    /// Starts a server. <paramref name="settings"/> are configuration keys such as <c>Delivery:Timeout</c>;
    /// <paramref name="configure"/> runs on the builder at every start (to add a logger provider, say).
    /// </summary>
    public static async Task<TestServer> StartAsync(IDictionary<string, string?>? settings = null, TimeProvider? time = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "libromi-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var merged = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Delivery:AllowPrivateNetworks"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }
        var server = new TestServer(directory, merged, time, configure);
        await server.StartAppAsync();
        return server;
    }

    /// <summary>An HttpClient for <c>/api/v1</c> authenticated as the server's account (or with <paramref name="apiKey"/>).</summary>
    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseAddress, "/api/v1/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey ?? ApiKey);
        return client;
    }

    /// <summary>Creates another account (tenant) and returns its API key.</summary>
    public async Task<string> CreateAccountAsync()
    {
        var key = ApiKeys.NewKey();
        await Services.GetRequiredService<ApiKeys>().CreateAccountAsync(key, "Test account", CancellationToken.None);
        return key;
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAppAsync();
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere: the temp folder is cleaned up by the OS eventually.
        }
    }

    private async Task StartAppAsync()
    {
        var args = new List<string>
        {
            "--urls", BaseAddress is null ? "http://127.0.0.1:0" : BaseAddress.ToString(),
            "--environment", "Production",
            // No file watcher per server: a test run starts many at once, and each watcher takes one of the few inotify instances a user has.
            "--hostBuilder:reloadConfigOnChange=false",
            $"--Storage:ConnectionString=Data Source={DatabasePath}",
            $"--LIBROMI_API_KEY={ApiKey}",
        };
        args.AddRange(Settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}"));
        _app = LibromiServer.Build([.. args], builder =>
        {
            if (_time is not null)
            {
                builder.Services.AddSingleton(_time);
            }
            _configure?.Invoke(builder);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }
}
