using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Libromi.Connect.Testing;

/// <summary>
/// The one way the tests and the benchmarks start programs: a long-running child whose output is watched line by line
/// (<see cref="Start"/>), a command run to its end (<see cref="RunAsync"/>), or a detached one left to run
/// (<see cref="StartDetached"/>). Standard error lines are kept with the prefix <c>stderr: </c>. Disposing kills the
/// child and its descendants.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int LinesInMessages = 40;
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly List<(string Text, TaskCompletionSource<long> Seen)> _waits = [];
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>Every line printed so far, stdout and stderr interleaved as they were read.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>
    /// (default: the current one), adding <paramref name="environment"/> to this process's variables.
    /// </summary>
    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = new Process { StartInfo = Info(fileName, arguments, workingDirectory, environment), EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data is null ? null : "stderr: " + e.Data);
        process.Exited += (_, _) => child.OnExit();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Starts <c>dotnet <paramref name="dll"/></c> in the folder of the dll.</summary>
    public static ChildProcess StartDotnet(string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        Start("dotnet", [dll, .. arguments], Path.GetDirectoryName(dll), environment);

    /// <summary>
    /// Runs a command to its end and returns what it printed; a non-zero exit does not throw (see
    /// <see cref="ProcessResult.EnsureSuccess"/>). <paramref name="stdin"/> is written to its input, which is then
    /// closed. Past <paramref name="timeout"/> (default: none) it is killed and <see cref="TimeoutException"/> thrown.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory = null,
        string? stdin = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var info = Info(fileName, arguments, workingDirectory, null);
        info.RedirectStandardInput = true;
        info.StandardInputEncoding = new UTF8Encoding(false);
        var command = string.Join(' ', [fileName, .. info.ArgumentList]);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit)
        {
            deadline.CancelAfter(limit);
        }
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin.AsMemory(), deadline.Token);
            }
            process.StandardInput.Close();
            await process.WaitForExitAsync(deadline.Token);
            return new ProcessResult(command, process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            throw new TimeoutException($"{command} did not finish within {timeout}.");
        }
    }

    /// <summary>Starts a command in a session of its own, its output discarded, and lets it run on after this process.</summary>
    public static void StartDetached(string fileName, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("setsid") { WorkingDirectory = Path.GetTempPath() };
        info.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        Process.Start(info)?.Dispose();
    }

    /// <summary>A loopback port that was free a moment ago, for a child to listen on.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Waits for an output line containing <paramref name="text"/>, printed before or after the call; returns the
    /// <see cref="Stopwatch"/> timestamp it was read at. Fails at once if the process exits first.
    /// </summary>
    public Task<long> WaitForLineAsync(string text, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var seen = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_output.Any(line => line.Contains(text, StringComparison.Ordinal)))
            {
                seen.SetResult(Stopwatch.GetTimestamp());
            }
            else if (_process.HasExited)
            {
                seen.SetException(ExitedBefore(text));
            }
            else
            {
                _waits.Add((text, seen));
            }
        }
        return seen.Task.WaitAsync(timeout, cancellationToken);
    }

    /// <summary>The next output line not yet taken by an earlier call.</summary>
    public async Task<string> NextLineAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _lines.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The process printed nothing more within {timeout.TotalSeconds} s.");
        }
    }

    /// <summary>The most memory the process has held at once (VmHWM), in bytes; Linux only.</summary>
    public long PeakResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }
        return 0;
    }

    /// <summary>SIGKILL to the process and its descendants: no shutdown code runs, exactly like a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.WaitForExit();
    }

    /// <summary>As <see cref="Kill"/>, waiting asynchronously for the process to be gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static ProcessStartInfo Info(string fileName, IEnumerable<string> arguments, string? workingDirectory, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        return info;
    }

    private InvalidOperationException ExitedBefore(string what)
    {
        string tail;
        lock (_output)
        {
            tail = string.Join('\n', _output.TakeLast(LinesInMessages));
        }
        return new InvalidOperationException($"{_process.StartInfo.FileName} exited before printing '{what}':\n{tail}");
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        var now = Stopwatch.GetTimestamp();
        lock (_output)
        {
            _output.Add(line);
            for (var i = _waits.Count - 1; i >= 0; i--)
            {
                if (line.Contains(_waits[i].Text, StringComparison.Ordinal))
                {
                    _waits[i].Seen.TrySetResult(now);
                    _waits.RemoveAt(i);
                }
            }
        }
        _lines.Writer.TryWrite(line);
    }

    private void OnExit()
    {
        lock (_output)
        {
            foreach (var (text, seen) in _waits)
            {
                seen.TrySetException(ExitedBefore(text));
            }
            _waits.Clear();
        }
    }
}
