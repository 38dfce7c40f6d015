using System.Data.Common;

namespace Libromi.Connect.Server.Storage;

/// <summary>
/// One transaction of the <see cref="GroupCommit"/> writer and the units it holds, each under the savepoint
/// <see cref="Savepoint"/>. Once anything breaks the transaction itself (a fault of the store, or a savepoint that
/// cannot be released or rolled back), no unit of the group is stored, and every unit told so.
/// </summary>
internal sealed class WriteGroup(DbConnection connection, DbTransaction transaction, StatementCache? statements)
{
    public const string Savepoint = "libromi_unit";
    private readonly TaskCompletionSource _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _broken;

    /// <summary>The writer connection's kept statements, where the provider keeps them.</summary>
    public StatementCache? Statements => statements;

    /// <summary>Units that took part: each was handed its scope.</summary>
    public int Units { get; private set; }

    public bool IsBroken => _broken is not null;

    /// <summary>Completes when the group committed; faults with a <see cref="StoreUnavailableException"/> when it did not.</summary>
    public Task Committed => _outcome.Task;

    /// <summary>Hands the writer to one unit under a fresh savepoint and waits until the unit released or rolled it back.</summary>
    public async Task RunAsync(TaskCompletionSource<WriteScope> waiter, string? wakeWorkersSql)
    {
        try
        {
            await transaction.SaveAsync(Savepoint, CancellationToken.None);
        }
        catch (Exception e)
        {
            Break(e);
            waiter.TrySetException(e);
            return;
        }
        var scope = new WriteScope(this, connection, transaction, wakeWorkersSql);
        if (!waiter.TrySetResult(scope))
        {
            // Its request was cancelled just now: the savepoint holds nothing.
            await scope.DisposeAsync();
            return;
        }
        Units++;
        await scope.Ended;
    }

    /// <summary>Keeps what the unit wrote, for the group's commit.</summary>
    public async Task ReleaseAsync()
    {
        try
        {
            await transaction.ReleaseAsync(Savepoint, CancellationToken.None);
        }
        catch (Exception e)
        {
            Break(e);
            throw;
        }
    }

    /// <summary>Undoes what the unit wrote, and only that.</summary>
    public async Task RollBackAsync()
    {
        try
        {
            await transaction.RollbackAsync(Savepoint, CancellationToken.None);
            await transaction.ReleaseAsync(Savepoint, CancellationToken.None);
        }
        catch (Exception e)
        {
            Break(e);
        }
    }

    /// <summary>Commits (or, broken, rolls back) and tells every unit; returns what broke the group, if anything did.</summary>
    public async Task<Exception?> EndAsync()
    {
        if (_broken is null)
        {
            try
            {
                await transaction.CommitAsync(CancellationToken.None);
            }
            catch (Exception e)
            {
                _broken = e;
            }
        }
        try
        {
            if (_broken is not null)
            {
                await transaction.RollbackAsync(CancellationToken.None);
            }
            await transaction.DisposeAsync();
        }
        catch (Exception)
        {
            // The store already ended the transaction (SQLite does after some faults, PostgreSQL when the connection
            // broke): nothing of it is kept either way, and the writer reopens its connection after a fault.
        }
        if (_broken is null)
        {
            _outcome.SetResult();
        }
        else
        {
            _outcome.SetException(new StoreUnavailableException($"The write was not stored: the transaction it was part of failed ({_broken.Message}).", _broken));
        }
        return _broken;
    }

    /// <summary>Makes the group roll back instead of committing, every unit told why.</summary>
    public void Fail(Exception e) => Break(e);

    private void Break(Exception e) => _broken ??= e;
}
