using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Storage.Postgres;

/// <summary>
/// Server processes on one PostgreSQL database with one account, as the multi-node tests start them: private networks
/// allowed (the receivers are local), warnings only in the logs; each test adds its own settings. Disposing stops them all.
/// </summary>
public sealed class PostgresNodes : IAsyncDisposable
{
    private PostgresNodes(string apiKey, ServerProcess[] nodes) => (ApiKey, Nodes) = (apiKey, nodes);

    public string ApiKey { get; }

    public IReadOnlyList<ServerProcess> Nodes { get; }

    /// <summary>Starts <paramref name="count"/> nodes together: migrations and the first account race, as in production.</summary>
    public static async Task<PostgresNodes> StartAsync(string connectionString, int count, IDictionary<string, string>? settings = null)
    {
        var apiKey = ApiKeys.NewKey();
        var all = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = connectionString,
            ["LIBROMI_API_KEY"] = apiKey,
            ["Delivery:AllowPrivateNetworks"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            all[name] = value;
        }
        return new PostgresNodes(apiKey, await Task.WhenAll(Enumerable.Range(0, count).Select(_ => ServerProcess.StartAsync(all))));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
    }
}
