namespace Libromi.Connect.Testing;

/// <summary>
/// A long-running Node.js server from <c>tests/node</c> (such as the seed's Express receiver). The script prints
/// <c>listening &lt;port&gt;</c> first, then one line per event, which <see cref="NextLineAsync"/> hands out.
/// </summary>
public sealed class NodeServer : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private NodeServer(ChildProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<NodeServer> StartAsync(string script, params string[] arguments)
    {
        var directory = await NodeEnvironment.EnsureInstalledAsync();
        var process = ChildProcess.Start("node", [script, .. arguments], directory);
        try
        {
            var first = await process.NextLineAsync(TimeSpan.FromSeconds(30));
            var port = first.StartsWith("listening ", StringComparison.Ordinal)
                ? int.Parse(first["listening ".Length..], System.Globalization.CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"{script} did not start: {first}");
            return new NodeServer(process, port);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public Task<string> NextLineAsync(TimeSpan timeout) => _process.NextLineAsync(timeout);

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
