using System.Data.Common;

namespace Libromi.Connect.Server.Storage;

/// <summary>
/// The storage contract every provider fulfils. SQL shared by the providers is written once in the feature stores with
/// <c>@name</c> parameters, integers for flags and times, and TEXT for JSON; what differs lives in <see cref="SqlDialect"/>.
/// </summary>
public abstract class Database(TimeProvider? time) : IAsyncDisposable
{
    /// <summary>The clock that stamps what the store itself records (applied migrations).</summary>
    protected TimeProvider Time { get; } = time ?? TimeProvider.System;

    public abstract string ProviderName { get; }

    public abstract SqlDialect Sql { get; }

    /// <summary>Creates or upgrades the schema; safe to call at every start-up.</summary>
    public abstract Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Opens a connection for reads.</summary>
    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Opens a connection for reads, as the session the stores take.</summary>
    public async Task<StoreSession> OpenSessionAsync(CancellationToken cancellationToken) => new(await OpenAsync(cancellationToken));

    /// <summary>
    /// Starts a unit of writing, in which a state change and its events are written together: one savepoint in the
    /// transaction that the node's <see cref="GroupCommit"/> writer shares among the units waiting at the same time.
    /// </summary>
    public Task<WriteScope> BeginWriteAsync(CancellationToken cancellationToken) => Writer.EnterAsync(cancellationToken);

    /// <summary>The node's one writer, which every <see cref="BeginWriteAsync"/> goes through.</summary>
    public abstract GroupCommit Writer { get; }

    /// <summary>
    /// The readiness check's real round trip: a read on a pooled connection, then one through the writer (a unit that
    /// writes nothing and is rolled back), which also runs the writer's own checks (on SQLite: the file is still the one
    /// opened at start). Throws when the store cannot do its job; cancel it to bound how long it may take.
    /// </summary>
    public virtual async Task CheckAsync(CancellationToken cancellationToken)
    {
        await using (var session = await OpenSessionAsync(cancellationToken))
        await using (var read = session.Command("SELECT 1"))
        {
            await read.ExecuteScalarAsync(cancellationToken);
        }
        await using var scope = await BeginWriteAsync(cancellationToken);
        await using var probe = scope.Command("SELECT 1");
        await probe.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>True when the exception reports a violated unique constraint.</summary>
    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>
    /// True when the exception is a fault of the store rather than of the request (unreachable, full, locked, damaged):
    /// nothing was changed, and a retry may succeed. Only classifies; see <see cref="ForgetConnections"/>.
    /// </summary>
    public virtual bool IsUnavailable(Exception exception) => exception is StoreUnavailableException;

    /// <summary>
    /// Drops this store's idle pooled connections, to call once a fault was seen: after a database restart (or a file
    /// put back) each idle connection is dead or points at the old file, and would otherwise fail one more request.
    /// </summary>
    public virtual void ForgetConnections()
    {
    }

    public abstract ValueTask DisposeAsync();
}
