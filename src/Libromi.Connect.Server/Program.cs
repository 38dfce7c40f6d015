using Libromi.Connect.Server.Hosting.Health;
using Libromi.Connect.Server.Storage;
using Microsoft.Extensions.Options;

if (args is [ProbeCommand.Name, ..])
{
    return await ProbeCommand.RunAsync(args);
}
var app = Libromi.Connect.Server.LibromiServer.Build(args);
try
{
    // Settings first, then the store, before the host starts: a setting refused (LIBROMI_API_KEY too short, say) or a
    // store that cannot be opened (corrupt, not a database, unreachable) ends the process with one line for the
    // operator instead of the host's stack trace. Start-up validates and migrates again: a no-op by then.
    app.Services.GetService<IStartupValidator>()?.Validate();
    await app.Services.GetRequiredService<Database>().MigrateAsync(CancellationToken.None);
}
catch (OptionsValidationException e)
{
    Console.Error.WriteLine($"Libromi Connect cannot start: {string.Join(" ", e.Failures)}");
    return 1;
}
catch (StoreUnavailableException e)
{
    Console.Error.WriteLine($"Libromi Connect cannot start: {e.Message}");
    return 1;
}
await app.RunAsync();
return 0;
