using System.Data.Common;

namespace Libromi.Connect.Server.Storage;

/// <summary>One open write transaction. Disposing without <see cref="CommitAsync"/> rolls everything back.</summary>
public sealed class WriteScope(DbConnection connection, DbTransaction transaction, Action? release, string? wakeWorkersSql = null)
    : StoreSession(connection, transaction)
{
    private readonly DbTransaction _transaction = transaction;
    private Action? _release = release;
    private bool _wakeRequested;

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

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _transaction.CommitAsync(cancellationToken);
        Release();
        foreach (var action in AfterCommit)
        {
            action();
        }
    }

    protected override async ValueTask DisposeCoreAsync()
    {
        await _transaction.DisposeAsync();
        await base.DisposeCoreAsync();
        Release();
    }

    private void Release()
    {
        Interlocked.Exchange(ref _release, null)?.Invoke();
    }
}
