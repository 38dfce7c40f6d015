using System.Collections.Concurrent;

namespace Libromi.Connect.Server.Listen;

/// <summary>
/// The listeners connected to this node, by session: the listen API registers streams and completes reported answers
/// here, and the <see cref="ListenTransport"/> finds the stream to send an attempt to.
/// </summary>
public sealed class ListenRelay
{
    private readonly ConcurrentDictionary<string, ListenConnection> _connections = new(StringComparer.Ordinal);

    /// <summary>Registers the stream for a session; a newer connection replaces an older one.</summary>
    public ListenConnection Connect(string accountId, string sessionId)
    {
        var connection = new ListenConnection(accountId);
        _connections[sessionId] = connection;
        return connection;
    }

    public void Disconnect(string sessionId, ListenConnection connection) =>
        _connections.TryRemove(new KeyValuePair<string, ListenConnection>(sessionId, connection));

    public bool Complete(string accountId, string sessionId, string ticket, ReportedAnswer result) =>
        _connections.TryGetValue(sessionId, out var connection) && connection.AccountId == accountId && connection.Complete(ticket, result);

    public ListenConnection? Find(string sessionId) => _connections.GetValueOrDefault(sessionId);
}
