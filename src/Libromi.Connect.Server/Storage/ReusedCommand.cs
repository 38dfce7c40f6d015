using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Libromi.Connect.Server.Storage;

/// <summary>
/// A command of the writer's <see cref="StatementCache"/>: it runs its inner command, whose statement stays prepared,
/// and disposing it hands the inner command back to the cache (its parameters cleared) instead of finalising it.
/// </summary>
[SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The text is the store's own statement, with parameters.")]
internal sealed class ReusedCommand(DbCommand inner, Action<DbCommand> giveBack) : DbCommand
{
    private Action<DbCommand>? _giveBack = giveBack;

    [AllowNull]
    public override string CommandText
    {
        get => inner.CommandText;
        set => throw new InvalidOperationException("A reused command keeps its statement.");
    }

    public override int CommandTimeout { get => inner.CommandTimeout; set => inner.CommandTimeout = value; }

    public override CommandType CommandType { get => inner.CommandType; set => inner.CommandType = value; }

    public override bool DesignTimeVisible { get => inner.DesignTimeVisible; set => inner.DesignTimeVisible = value; }

    public override UpdateRowSource UpdatedRowSource { get => inner.UpdatedRowSource; set => inner.UpdatedRowSource = value; }

    protected override DbConnection? DbConnection { get => inner.Connection; set => inner.Connection = value; }

    protected override DbParameterCollection DbParameterCollection => inner.Parameters;

    protected override DbTransaction? DbTransaction { get => inner.Transaction; set => inner.Transaction = value; }

    public override void Cancel() => inner.Cancel();

    public override int ExecuteNonQuery() => inner.ExecuteNonQuery();

    public override object? ExecuteScalar() => inner.ExecuteScalar();

    public override void Prepare() => inner.Prepare();

    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) => inner.ExecuteNonQueryAsync(cancellationToken);

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => inner.ExecuteScalarAsync(cancellationToken);

    protected override DbParameter CreateDbParameter() => inner.CreateParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => inner.ExecuteReader(behavior);

    protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        inner.ExecuteReaderAsync(behavior, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Interlocked.Exchange(ref _giveBack, null)?.Invoke(inner);
        }
        base.Dispose(disposing);
    }
}
