using Libromi.Connect.Server.Hosting.Health;
using Libromi.Connect.Server.Storage;

if (args is [ProbeCommand.Name, ..])
{
    return await ProbeCommand.RunAsync(args);
}
var app = Libromi.Connect.Server.LibromiServer.Build(args);
try
{
    // Before the host starts, so that a store that cannot be opened (corrupt, not a database, unreachable) ends the
    // process with one line for the operator instead of the host's stack trace. Start-up migrates again: a no-op by then.
    await app.Services.GetRequiredService<Database>().MigrateAsync(CancellationToken.None);
}
catch (StoreUnavailableException e)
{
    Console.Error.WriteLine($"Libromi Connect cannot start: {e.Message}");
    return 1;
}
await app.RunAsync();
return 0;
