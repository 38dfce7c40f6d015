using Libromi.Connect.Cli;

using var stop = new CancellationTokenSource();
// The first ^C asks the running command to finish (listen ends its session); a second one kills the process.
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
};
return await CliApp.RunAsync(args, Console.Out, Console.Error, stop.Token);
