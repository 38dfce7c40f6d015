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

    /// <summary>Starts the one transaction in which a state change and its events are written.</summary>
    public abstract Task<WriteScope> BeginWriteAsync(CancellationToken cancellationToken);

    /// <summary>True when the exception reports a violated unique constraint.</summary>
    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>True when the exception means the database could not be reached: nothing was changed, and a retry may succeed.</summary>
    public virtual bool IsUnavailable(Exception exception) => exception is StoreUnavailableException;

    public abstract ValueTask DisposeAsync();
}
