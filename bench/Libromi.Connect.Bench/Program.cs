using Libromi.Connect.Bench;

return await BenchCommand.RunAsync(args, CancellationToken.None);
