using System.Data.Common;
using System.Threading.Channels;

namespace Libromi.Connect.Server.Storage;

/// <summary>
/// The node's one writer. Every write (a request's state change and its events, a lease, a batch of outcomes) is a
/// unit that asks for a <see cref="WriteScope"/> here; units take the writer's connection in turn, each under its own
/// savepoint, and the units that queued while one ran join the same transaction, which commits once for all of them.
/// A unit's <see cref="WriteScope.CommitAsync"/> returns only after that commit, so nothing is acknowledged before it is
/// stored; a unit that fails or answers a problem rolls back its savepoint alone. An idle writer commits a lone unit at
/// once, and a group is closed after <see cref="StorageOptions.WriteGroupMaxUnits"/> units or
/// <see cref="StorageOptions.WriteGroupMaxDuration"/>, whichever comes first.
/// </summary>
public sealed class GroupCommit : IAsyncDisposable
{
    private readonly Channel<TaskCompletionSource<WriteScope>> _waiting = Channel.CreateUnbounded<TaskCompletionSource<WriteScope>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<CancellationToken, ValueTask<DbConnection>> _open;
    private readonly Action<DbConnection> _verify;
    private readonly Func<Exception, bool> _isUnavailable;
    private readonly TimeProvider _time;
    private readonly int _maxUnits;
    private readonly TimeSpan _maxDuration;
    private readonly string? _wakeWorkersSql;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private readonly bool _keepStatements;
    private DbConnection? _connection;
    private StatementCache? _statements;
    private int _forget;
    private long _groups;
    private long _units;

    /// <param name="open">Opens the writer's own connection (kept open between groups).</param>
    /// <param name="verify">
    /// Checks the writer's connection before each transaction begins and again just before it commits; throws a
    /// <see cref="StoreUnavailableException"/> when the store must not be written (its file was deleted or replaced), in
    /// which case the whole group is rolled back and no unit of it acknowledged.
    /// </param>
    /// <param name="isUnavailable">Tells a fault of the store (after which the connection is reopened) from a fault of a unit.</param>
    /// <param name="keepStatements">Keeps the writer's prepared statements between units (for a provider that does not itself).</param>
    public GroupCommit(Func<CancellationToken, ValueTask<DbConnection>> open, Action<DbConnection> verify, Func<Exception, bool> isUnavailable,
        StorageOptions options, TimeProvider time, string? wakeWorkersSql, bool keepStatements)
    {
        _keepStatements = keepStatements;
        _open = open;
        _verify = verify;
        _isUnavailable = isUnavailable;
        _time = time;
        _maxUnits = Math.Max(1, options.WriteGroupMaxUnits);
        _maxDuration = options.WriteGroupMaxDuration;
        _wakeWorkersSql = wakeWorkersSql;
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    /// <summary>Transactions committed (or rolled back) so far, and the units they held: their ratio is the mean group size.</summary>
    public (long Groups, long Units) Statistics => (Interlocked.Read(ref _groups), Interlocked.Read(ref _units));

    /// <summary>Waits for the writer and returns this unit's scope, open under its own savepoint.</summary>
    public async Task<WriteScope> EnterAsync(CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<WriteScope>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_waiting.Writer.TryWrite(waiter))
        {
            throw new StoreUnavailableException("The store is shutting down.", new ObjectDisposedException(nameof(GroupCommit)));
        }
        await using var registration = cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
        return await waiter.Task;
    }

    /// <summary>Closes the writer's connection before the next group, after a fault of the store was seen elsewhere.</summary>
    public void ForgetConnection() => Interlocked.Exchange(ref _forget, 1);

    public async ValueTask DisposeAsync()
    {
        _waiting.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _loop;
        await DropConnectionAsync();
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        while (await _waiting.Reader.WaitToReadAsync(CancellationToken.None))
        {
            if (!TryTakeWaiting(out var first))
            {
                continue;
            }
            WriteGroup group;
            try
            {
                group = await BeginOnceMoreIfStaleAsync();
            }
            catch (Exception e)
            {
                // The store refuses a transaction (gone, locked past the busy timeout, unreachable): every unit waiting
                // now would meet the same fault, so each is answered at once rather than after its own timeout.
                await DropConnectionAsync();
                var refused = _isUnavailable(e) && e is not StoreUnavailableException
                    ? new StoreUnavailableException($"The store refused a transaction: {e.Message}", e) : e;
                first.TrySetException(refused);
                while (TryTakeWaiting(out var waiting))
                {
                    waiting.TrySetException(refused);
                }
                continue;
            }
            var started = _time.GetTimestamp();
            for (var next = first; next is not null;)
            {
                await group.RunAsync(next, _wakeWorkersSql);
                next = !group.IsBroken && group.Units < _maxUnits && _time.GetElapsedTime(started) < _maxDuration && TryTakeWaiting(out var waiting)
                    ? waiting : null;
            }
            if (!group.IsBroken)
            {
                VerifyBeforeCommit(group);
            }
            Interlocked.Increment(ref _groups);
            Interlocked.Add(ref _units, group.Units);
            if (await group.EndAsync() is { } failure)
            {
                // A connection that broke is replaced; one whose transaction merely failed is kept.
                if (_isUnavailable(failure) || _connection?.State != System.Data.ConnectionState.Open)
                {
                    await DropConnectionAsync();
                }
            }
        }
    }

    /// <summary>
    /// Begins a group; when that fails on a connection kept from earlier groups (the database restarted meanwhile, or
    /// dropped an idle connection), tries once more on a new one before the waiting units are refused.
    /// </summary>
    private async Task<WriteGroup> BeginOnceMoreIfStaleAsync()
    {
        var kept = _connection is not null;
        try
        {
            return await BeginAsync();
        }
        catch (Exception) when (kept && !_stopping.IsCancellationRequested)
        {
            await DropConnectionAsync();
            return await BeginAsync();
        }
    }

    private async Task<WriteGroup> BeginAsync()
    {
        if (Interlocked.Exchange(ref _forget, 0) == 1)
        {
            await DropConnectionAsync();
        }
        if (_connection is null)
        {
            _connection = await _open(_stopping.Token);
            _statements = _keepStatements ? new StatementCache(_connection) : null;
        }
        _verify(_connection);
        return new WriteGroup(_connection, await _connection.BeginTransactionAsync(_stopping.Token), _statements);
    }

    /// <summary>The store may have changed while the group ran (its file deleted): then nothing of it is committed.</summary>
    private void VerifyBeforeCommit(WriteGroup group)
    {
        try
        {
            _verify(_connection!);
        }
        catch (Exception e)
        {
            group.Fail(e);
        }
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            try
            {
                if (_statements is { } statements)
                {
                    _statements = null;
                    await statements.DisposeAsync();
                }
                await connection.DisposeAsync();
            }
            catch (Exception)
            {
                // A broken connection may fail to close cleanly; it is gone either way.
            }
        }
    }

    /// <summary>The next unit still waiting; one whose request was cancelled meanwhile is passed over.</summary>
    private bool TryTakeWaiting(out TaskCompletionSource<WriteScope> waiter)
    {
        while (_waiting.Reader.TryRead(out waiter!))
        {
            if (!waiter.Task.IsCompleted)
            {
                return true;
            }
        }
        return false;
    }
}
