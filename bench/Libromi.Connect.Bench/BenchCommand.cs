using Libromi.Connect.Bench.Peer;
using Libromi.Connect.Bench.Receiver;

namespace Libromi.Connect.Bench;

/// <summary>
/// Entry point. The same executable is also the receiver and the Hangfire peer, started as child processes so each
/// side's CPU use is its own.
/// </summary>
public static class BenchCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args is ["receiver", ..])
        {
            await ReceiverApp.RunAsync(args[1..], cancellationToken);
            return 0;
        }
        if (args is ["hangfire", ..])
        {
            await HangfireWorker.RunAsync(args[1..], cancellationToken);
            return 0;
        }
        var options = BenchOptions.Parse(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(BenchOptions.Usage);
            return 2;
        }
        await BenchRun.RunAsync(options, cancellationToken);
        return 0;
    }
}
