using System.Net.Http.Headers;

namespace Libromi.Connect.Testing;

/// <summary>
/// The real server as a separate OS process (the built Libromi.Connect.Server.dll under <c>dotnet</c>), so a test can
/// kill it with SIGKILL mid-work and start another on the same store, and a benchmark can measure it on its own.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private ServerProcess(ChildProcess process, Uri baseAddress)
    {
        Process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The child process itself, for its output and its memory.</summary>
    public ChildProcess Process { get; }

    public string Output => Process.Output;

    private static string ServerDll => Path.Combine(AppContext.BaseDirectory, "Libromi.Connect.Server.dll");

    /// <summary>Starts the server with <c>--key=value</c> settings (the API key among them) and waits until it listens.</summary>
    public static Task<ServerProcess> StartAsync(IDictionary<string, string> settings, TimeSpan? timeout = null) =>
        StartAsync(null, settings.ToDictionary(s => s.Key, s => (string?)s.Value), timeout);

    /// <summary>Starts the server with <c>--key=value</c> settings and waits until it listens.</summary>
    public static async Task<ServerProcess> StartAsync(string? apiKey, IDictionary<string, string?> settings, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{ChildProcess.FreePort()}");
        var environment = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging__Console__FormatterName"] = "simple",
        };
        if (apiKey is not null)
        {
            environment["LIBROMI_API_KEY"] = apiKey;
        }
        var process = ChildProcess.StartDotnet(ServerDll, Arguments(baseAddress, settings), environment);
        try
        {
            await process.WaitForLineAsync("Now listening on", timeout ?? TimeSpan.FromSeconds(60), cancellationToken);
            return new ServerProcess(process, baseAddress);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the server with <c>--key=value</c> settings until it exits by itself; returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IDictionary<string, string> settings, TimeSpan? timeout = null)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{ChildProcess.FreePort()}");
        var result = await ChildProcess.RunAsync("dotnet", [ServerDll, .. Arguments(baseAddress, settings.ToDictionary(s => s.Key, s => (string?)s.Value))],
            AppContext.BaseDirectory, timeout: timeout ?? TimeSpan.FromSeconds(60));
        return (result.ExitCode, result.StandardOutput + result.StandardError);
    }

    public HttpClient CreateClient(string apiKey)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseAddress, "/api/v1/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or an OOM kill.</summary>
    public void Kill() => Process.Kill();

    /// <summary>SIGKILL, waiting asynchronously for the process to be gone.</summary>
    public Task KillAsync() => Process.KillAsync();

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    private static List<string> Arguments(Uri baseAddress, IDictionary<string, string?> settings) =>
        ["--urls", baseAddress.ToString(), "--environment", "Production", .. settings.Select(s => $"--{s.Key}={s.Value}")];
}
