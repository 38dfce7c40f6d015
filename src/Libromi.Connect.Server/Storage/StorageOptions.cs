namespace Libromi.Connect.Server.Storage;

/// <summary>Where the data lives. Bound from the <c>Storage</c> configuration section.</summary>
public sealed class StorageOptions
{
    /// <summary><c>sqlite</c> (default, embedded) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>Default for SQLite: <c>Data Source=libromi.db</c> in the working directory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// SQLite's <c>synchronous</c> setting in WAL mode. <c>NORMAL</c> (default) survives a killed process;
    /// <c>FULL</c> also survives power loss at the cost of an fsync per commit.
    /// </summary>
    public string SqliteSynchronous { get; set; } = "NORMAL";

    /// <summary>
    /// How long a SQLite write waits for a lock held by another process (a backup tool, the sqlite3 shell) before the
    /// request is answered 503 "store unavailable". Default 5 s.
    /// </summary>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Starts a new, empty SQLite store although the database file is missing where its <c>-wal</c>, <c>-shm</c> or
    /// <c>-journal</c> shows that one existed (deleted or moved). Off by default: the server then refuses to start, naming
    /// the path. When on, the leftovers are renamed aside (<c>.orphaned-TIMESTAMP</c>) before the new file is created.
    /// Meant for one start; remove it afterwards. A fresh install (no file, no leftovers) never needs it.
    /// </summary>
    public bool SqliteStartEmpty { get; set; }

    /// <summary>
    /// Most write units (requests, leases, outcome batches) that share one transaction of the group-commit writer.
    /// Default 256.
    /// </summary>
    public int WriteGroupMaxUnits { get; set; } = 256;

    /// <summary>
    /// How long a group keeps taking in units that are already waiting before it commits (a lone unit commits at once,
    /// never waiting for company). Default 5 ms.
    /// </summary>
    public TimeSpan WriteGroupMaxDuration { get; set; } = TimeSpan.FromMilliseconds(5);
}
