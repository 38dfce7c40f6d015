using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Tests.Storage;

/// <summary>The group-commit writer on each provider: units that wait together commit together, and fail alone.</summary>
public abstract partial class StoreCompliance
{
    /// <summary>A statement that ends the writer's transaction under it, as a fault of the store does.</summary>
    protected abstract string EndTransactionSql { get; }

    [SkippableFact]
    public async Task Units_waiting_together_commit_in_one_transaction()
    {
        var before = Database.Writer.Statistics;
        var holder = await Database.BeginWriteAsync(CancellationToken.None);
        var waiting = Enumerable.Range(0, 10).Select(i => WriteAccountAsync($"acc_group_{i}")).ToList();

        await holder.CommitAsync(CancellationToken.None);
        await Task.WhenAll(waiting);

        var after = Database.Writer.Statistics;
        Assert.Equal((1L, 11L), (after.Groups - before.Groups, after.Units - before.Units));
        foreach (var i in Enumerable.Range(0, 10))
        {
            Assert.True(await AccountExistsAsync($"acc_group_{i}"));
        }
    }

    [SkippableFact]
    public async Task A_unit_that_fails_or_is_refused_rolls_back_alone_and_the_rest_of_its_group_is_stored()
    {
        await WriteAccountAsync("acc_taken");
        var before = Database.Writer.Statistics;
        var holder = await Database.BeginWriteAsync(CancellationToken.None);
        var kept = WriteAccountAsync("acc_kept");
        var thrown = WriteAccountAsync("acc_thrown", fail: true);
        var duplicate = WriteAccountAsync("acc_taken");
        var alsoKept = WriteAccountAsync("acc_also_kept");

        await holder.DisposeAsync();

        await kept;
        await alsoKept;
        await Assert.ThrowsAsync<InvalidOperationException>(() => thrown);
        var violation = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => duplicate);
        Assert.True(Database.IsUniqueViolation(violation));
        Assert.True(await AccountExistsAsync("acc_kept"));
        Assert.True(await AccountExistsAsync("acc_also_kept"));
        Assert.False(await AccountExistsAsync("acc_thrown"));
        Assert.Equal(1L, Database.Writer.Statistics.Groups - before.Groups);
    }

    [SkippableFact]
    public async Task A_unit_is_answered_only_once_its_group_has_committed()
    {
        var first = await Database.BeginWriteAsync(CancellationToken.None);
        await InsertAccountAsync(first, "acc_first");
        var second = Database.BeginWriteAsync(CancellationToken.None);
        var committing = first.CommitAsync(CancellationToken.None);

        // The second unit has the writer, so the first one's savepoint is released, but the group has not committed.
        var holding = await second;
        Assert.False(committing.IsCompleted);
        Assert.False(await AccountExistsAsync("acc_first"));

        await holding.DisposeAsync();
        await committing;
        Assert.True(await AccountExistsAsync("acc_first"));
    }

    [SkippableFact]
    public async Task When_the_group_cannot_commit_no_unit_of_it_is_stored_and_each_is_told()
    {
        var holder = await Database.BeginWriteAsync(CancellationToken.None);
        var released = WriteAccountAsync("acc_lost");
        var breaking = Database.BeginWriteAsync(CancellationToken.None);
        await holder.DisposeAsync();
        await using (var scope = await breaking)
        {
            await using var end = scope.Command(EndTransactionSql);
            await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                await end.ExecuteNonQueryAsync(CancellationToken.None);
                await scope.CommitAsync(CancellationToken.None);
            });
        }

        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() => released);
        Assert.True(Database.IsUnavailable(failure));
        Assert.False(await AccountExistsAsync("acc_lost"));
        // The writer starts over on a working transaction (and, when the connection broke, a new connection).
        await WriteAccountAsync("acc_after");
        Assert.True(await AccountExistsAsync("acc_after"));
    }

    [SkippableFact]
    public async Task A_unit_whose_wait_is_cancelled_takes_no_part_and_the_next_one_goes_ahead()
    {
        var before = Database.Writer.Statistics;
        var holder = await Database.BeginWriteAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = Database.BeginWriteAsync(cancel.Token);
        var next = WriteAccountAsync("acc_next");

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await holder.DisposeAsync();
        await next;

        Assert.True(await AccountExistsAsync("acc_next"));
        Assert.Equal(2L, Database.Writer.Statistics.Units - before.Units);
    }

    [SkippableFact]
    public async Task The_same_statement_run_by_unit_after_unit_and_open_twice_at_once_binds_each_its_own_values()
    {
        const string select = "SELECT name FROM accounts WHERE id = @id";
        foreach (var id in new[] { "acc_one", "acc_two", "acc_three" })
        {
            await WriteAccountAsync(id);
        }
        await using var scope = await Database.BeginWriteAsync(CancellationToken.None);
        foreach (var id in new[] { "acc_one", "acc_two" })
        {
            await using var read = scope.Command(select).With("@id", id);
            Assert.Equal(id, await read.ExecuteScalarAsync());
        }
        // Two commands of one text open at once (neither given back yet) each keep their own parameters.
        await using var first = scope.Command(select).With("@id", "acc_three");
        await using var second = scope.Command(select).With("@id", "acc_one");
        Assert.Equal("acc_one", await second.ExecuteScalarAsync());
        Assert.Equal("acc_three", await first.ExecuteScalarAsync());
        await scope.CommitAsync(CancellationToken.None);
    }

    private async Task WriteAccountAsync(string id, bool fail = false)
    {
        await using var scope = await Database.BeginWriteAsync(CancellationToken.None);
        await InsertAccountAsync(scope, id);
        if (fail)
        {
            throw new InvalidOperationException("The unit failed after writing.");
        }
        await scope.CommitAsync(CancellationToken.None);
    }

    private async Task InsertAccountAsync(StoreSession session, string id) =>
        await AccountStore.InsertAsync(session, new Account(id, id, Time.GetUtcNow(), null), CancellationToken.None);

    private async Task<bool> AccountExistsAsync(string id)
    {
        await using var session = await Database.OpenSessionAsync(CancellationToken.None);
        await using var count = session.Command("SELECT COUNT(*) FROM accounts WHERE id = @id").With("@id", id);
        return Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }
}
