using System.Data.Common;

namespace Libromi.Connect.Server.Storage;

/// <summary>One open write transaction. Disposing without <see cref="CommitAsync"/> rolls everything back.</summary>
public sealed class WriteScope(DbConnection connection, DbTransaction transaction, Action? release, string? wakeWorkersSql = null) : IAsyncDisposable
{
    private Action? _release = release;
    private bool _wakeRequested;

    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    /// <summary>Actions run once the transaction has committed, such as waking the delivery dispatcher.</summary>
    public List<Action> AfterCommit { get; } = [];

    /// <summary>
    /// Wakes the delivery workers once this transaction commits: this node's through <paramref name="wakeThisNode"/>, and
    /// other nodes' through the database where the provider supports it. Calling it again in the same scope does nothing.
    /// </summary>
    public async Task WakeWorkersOnCommitAsync(Action wakeThisNode, CancellationToken cancellationToken)
    {
        if (_wakeRequested)
        {
            return;
        }
        _wakeRequested = true;
        AfterCommit.Add(wakeThisNode);
        if (wakeWorkersSql is not null)
        {
            await using var wake = Command(wakeWorkersSql);
            await wake.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public DbCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return command;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await Transaction.CommitAsync(cancellationToken);
        Release();
        foreach (var action in AfterCommit)
        {
            action();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
        Release();
    }

    private void Release()
    {
        Interlocked.Exchange(ref _release, null)?.Invoke();
    }
}
