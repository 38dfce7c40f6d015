using System.Data.Common;

namespace Libromi.Connect.Server.Storage;

/// <summary>
/// The writer connection's prepared statements, kept between units (SQLite prepares a statement anew for every new
/// command otherwise). Commands are taken by the unit holding the writer, but may be given back a little later (a
/// command disposed after its unit committed), hence the lock. A text already in use (two open commands of the same
/// text) or beyond <see cref="Capacity"/> distinct texts gets an ordinary command.
/// </summary>
internal sealed class StatementCache(DbConnection connection) : IAsyncDisposable
{
    public const int Capacity = 128;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DbCommand> _idle = new(StringComparer.Ordinal);
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private bool _disposed;

    public DbCommand Command(string sql, DbTransaction transaction)
    {
        DbCommand? command;
        bool cache;
        lock (_gate)
        {
            if (_idle.Remove(sql, out command))
            {
                command.Transaction = transaction;
                return new ReusedCommand(command, GiveBack);
            }
            cache = _known.Count < Capacity && _known.Add(sql);
        }
        command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return cache ? new ReusedCommand(command, GiveBack) : command;
    }

    public async ValueTask DisposeAsync()
    {
        List<DbCommand> idle;
        lock (_gate)
        {
            _disposed = true;
            idle = [.. _idle.Values];
            _idle.Clear();
        }
        foreach (var command in idle)
        {
            await command.DisposeAsync();
        }
    }

    private void GiveBack(DbCommand command)
    {
        command.Parameters.Clear();
        lock (_gate)
        {
            if (!_disposed && _idle.TryAdd(command.CommandText, command))
            {
                return;
            }
        }
        command.Dispose();
    }
}
