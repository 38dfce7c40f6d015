using System.Globalization;
using System.Net.Http.Json;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Bench.Receiver;

/// <summary>The driver's handle on the receiver child process.</summary>
public sealed class ReceiverProcess : IAsyncDisposable
{
    /// <summary>Loopback addresses listened on: 127.0.0.1 up to 127.0.0.<c>Addresses</c>.</summary>
    public const int Addresses = 32;

    private readonly ChildProcess _process;
    private readonly HttpClient _control;

    private ReceiverProcess(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
        _control = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public int Port { get; }

    public ChildProcess Process => _process;

    public static async Task<ReceiverProcess> StartAsync(CancellationToken cancellationToken)
    {
        var port = ChildProcess.FreePort();
        var child = ChildProcess.StartDotnet(typeof(ReceiverProcess).Assembly.Location,
            ["receiver", port.ToString(CultureInfo.InvariantCulture), Addresses.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" });
        await child.WaitForLineAsync("receiver ready", TimeSpan.FromSeconds(60), cancellationToken);
        return new ReceiverProcess(child, port);
    }

    /// <summary>The URL of endpoint <paramref name="n"/> of a kind (ok, fail, hang), spread over the loopback addresses.</summary>
    public Uri Url(string kind, int n) => new($"http://127.0.0.{1 + (n % Addresses)}:{Port}/{kind}/{n}");

    public async Task<ReceiverStats> StatsAsync(CancellationToken cancellationToken) =>
        (await _control.GetFromJsonAsync<ReceiverStats>("/_stats", cancellationToken))!;

    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        using var response = await _control.PostAsync("/_reset", null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every marked body received since the last call.</summary>
    public async Task<List<Arrival>> TakeArrivalsAsync(CancellationToken cancellationToken)
    {
        var text = await _control.GetStringAsync("/_arrivals", cancellationToken);
        var result = new List<Arrival>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split(' ');
            result.Add(new Arrival(long.Parse(f[0], CultureInfo.InvariantCulture), long.Parse(f[1], CultureInfo.InvariantCulture),
                long.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture)));
        }
        return result;
    }

    /// <summary>Polls until <paramref name="ok"/> 200s have been answered; false on timeout.</summary>
    public async Task<bool> WaitForOkAsync(long ok, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if ((await StatsAsync(cancellationToken)).Ok >= ok)
            {
                return true;
            }
            await Task.Delay(20, cancellationToken);
        }
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        await _process.DisposeAsync();
    }
}
