using Libromi.Connect.Testing;

namespace Libromi.Connect.Cli.Tests.Support;

/// <summary><c>libromi listen</c> running in the background, as in a second terminal; <see cref="StopAsync"/> is its ^C.</summary>
public sealed class ListenRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<int> _run;

    private ListenRun(string[] args) => _run = Task.Run(() => CliApp.RunAsync(args, Output, Error, _stop.Token));

    public LiveWriter Output { get; } = new();

    public LiveWriter Error { get; } = new();

    public static ListenRun Start(TestServer server, params string[] args) => new(["listen", .. args, .. CliRunner.For(server)]);

    /// <summary>Presses ^C and returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _run.WaitAsync(TimeSpan.FromSeconds(15));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_run.IsCompleted)
        {
            await StopAsync();
        }
        _stop.Dispose();
        Output.Dispose();
        Error.Dispose();
    }
}
