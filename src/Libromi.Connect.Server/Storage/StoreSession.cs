using System.Data.Common;

namespace Libromi.Connect.Server.Storage;

/// <summary>
/// What every store runs its statements on: a connection, inside the transaction of a write when there is one. A read
/// opens one with <see cref="Database.OpenSessionAsync"/>; a <see cref="WriteScope"/> is one too. Disposing it closes
/// the connection it owns (a write scope's belongs to the writer).
/// </summary>
public class StoreSession(DbConnection connection, DbTransaction? transaction = null, bool ownsConnection = true) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;

    public DbTransaction? Transaction { get; } = transaction;

    public virtual DbCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeCoreAsync();
        GC.SuppressFinalize(this);
    }

    protected virtual ValueTask DisposeCoreAsync() => ownsConnection ? Connection.DisposeAsync() : ValueTask.CompletedTask;
}
