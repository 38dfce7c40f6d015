using System.Data.Common;

namespace Libromi.Connect.Server.Storage;

/// <summary>
/// One unit of writing: a savepoint in the transaction of a <see cref="GroupCommit"/> group. <see cref="CommitAsync"/>
/// keeps what it wrote and returns once the group has committed; disposing without it undoes this unit's writes alone.
/// </summary>
public sealed class WriteScope : StoreSession
{
    private readonly WriteGroup _group;
    private readonly string? _wakeWorkersSql;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _wakeRequested;

    internal WriteScope(WriteGroup group, DbConnection connection, DbTransaction transaction, string? wakeWorkersSql)
        : base(connection, transaction, ownsConnection: false)
    {
        _group = group;
        _wakeWorkersSql = wakeWorkersSql;
    }

    /// <summary>A command on the writer's connection, its statement prepared once and kept (see <see cref="StatementCache"/>).</summary>
    public override DbCommand Command(string sql) => _group.Statements is { } cache ? cache.Command(sql, Transaction!) : base.Command(sql);

    /// <summary>Actions run once the transaction has committed, such as waking the delivery dispatcher.</summary>
    public List<Action> AfterCommit { get; } = [];

    /// <summary>Completes when this unit gave the writer back (released or rolled back its savepoint).</summary>
    internal Task Ended => _ended.Task;

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
        if (_wakeWorkersSql is not null)
        {
            await using var wake = Command(_wakeWorkersSql);
            await wake.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Keeps this unit's writes and waits for its group to commit; throws a <see cref="StoreUnavailableException"/> when
    /// the group could not, in which case nothing of this unit was stored. Not cancellable once called: what is released
    /// is committed with the group whether or not anyone still waits for the answer.
    /// </summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_ended.Task.IsCompleted)
        {
            throw new InvalidOperationException("This write scope has already ended.");
        }
        try
        {
            await _group.ReleaseAsync();
        }
        finally
        {
            _ended.TrySetResult();
        }
        await _group.Committed;
        foreach (var action in AfterCommit)
        {
            action();
        }
    }

    protected override async ValueTask DisposeCoreAsync()
    {
        if (!_ended.Task.IsCompleted)
        {
            await _group.RollBackAsync();
            _ended.TrySetResult();
        }
        await base.DisposeCoreAsync();
    }
}
