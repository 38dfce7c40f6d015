using System.Diagnostics;
using System.Threading.Channels;

namespace Libromi.Connect.Testing;

/// <summary>
/// A long-running Node.js server from <c>tests/node</c> (such as the seed's Express receiver). The script prints
/// <c>listening &lt;port&gt;</c> first, then one line per event, which <see cref="NextLineAsync"/> hands out.
/// </summary>
public sealed class NodeServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private NodeServer(Process process) => _process = process;

    public int Port { get; private set; }

    public static async Task<NodeServer> StartAsync(string script, params string[] arguments)
    {
        var directory = await NodeEnvironment.EnsureInstalledAsync();
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info)!;
        var server = new NodeServer(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                server._lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                server._lines.Writer.TryWrite("stderr: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var first = await server.NextLineAsync(TimeSpan.FromSeconds(30));
        server.Port = first.StartsWith("listening ", StringComparison.Ordinal)
            ? int.Parse(first["listening ".Length..], System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"{script} did not start: {first}");
        return server;
    }

    public async Task<string> NextLineAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _lines.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The Node server printed nothing within {timeout.TotalSeconds} s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
