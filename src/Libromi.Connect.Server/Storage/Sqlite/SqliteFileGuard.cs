using System.Data.Common;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Libromi.Connect.Server.Storage.Sqlite;

/// <summary>
/// Keeps the server writing to the file it opened at start, and to nothing else. A file deleted, moved or replaced under
/// a running server stays open in every connection that had it: writes would go on succeeding into an inode that no path
/// names any more, and a restart would open whatever the path holds then. So the guard keeps one connection of its own
/// on the file as it was at start (pinned once the schema is migrated) and asks SQLite whether that file, or the writer's,
/// is still the file at the path (<c>SQLITE_FCNTL_HAS_MOVED</c>: SQLite compares the inode of its open descriptor with a
/// <c>stat</c> of the path, with the platform's own struct layout; no package, no struct of ours). The file moved aside
/// and put back is the same file again; any other file at the path is refused until a restart adopts it.
/// </summary>
/// <remarks>
/// Each question is one <c>stat</c>. The writer asks about its own connection before each group's transaction and
/// before its commit (it is opened only after the pinned file was checked, so its file is the original); a new
/// connection, reader or writer, is opened only after asking about the pinned file, so that none opens a stranger at
/// the path (closing it would checkpoint the original's write-ahead log into the stranger and delete the log). For
/// readers, which open a pooled connection per request, a good answer is kept for <see cref="ReaderRecheck"/>; any bad
/// answer, from anyone, ends that at once.
/// </remarks>
internal sealed class SqliteFileGuard(string path, TimeProvider time) : IAsyncDisposable
{
    /// <summary>How long readers rely on the last good answer about the pinned file.</summary>
    public static readonly TimeSpan ReaderRecheck = TimeSpan.FromSeconds(1);

    private const int FileControlHasMoved = 20;
    private const int SqliteOk = 0;
    private const long Never = long.MinValue;
    private static readonly byte[] MainDatabase = "main\0"u8.ToArray();
    private static volatile bool s_noFileControl;
    private SqliteConnection? _pinned;
    private long _goodAt = Never;

    public string Path { get; } = path;

    /// <summary>Opens the guard's own connection on the file at the path, once: from then on that file is the store.</summary>
    public async Task PinAsync(string connectionString, CancellationToken cancellationToken)
    {
        if (_pinned is not null)
        {
            return;
        }
        var pinned = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await pinned.OpenAsync(cancellationToken);
        _pinned = pinned;
    }

    /// <summary>Throws unless the file pinned at start is still the file at the path (asked now).</summary>
    public void VerifyPinned()
    {
        if (PinnedProblem() is { } problem)
        {
            throw Refusal(problem);
        }
    }

    /// <summary>As <see cref="VerifyPinned"/>, relying on a good answer younger than <see cref="ReaderRecheck"/>.</summary>
    public void VerifyPinnedForReader()
    {
        var good = Interlocked.Read(ref _goodAt);
        if (good == Never || time.GetElapsedTime(good) >= ReaderRecheck)
        {
            VerifyPinned();
        }
    }

    /// <summary>Throws unless the file <paramref name="writer"/> has open is still the file at the path.</summary>
    public void VerifyWriter(DbConnection writer)
    {
        if (writer is SqliteConnection connection && HasMoved(connection))
        {
            Interlocked.Exchange(ref _goodAt, Never);
            throw Refusal(PinnedProblem()
                ?? $"The SQLite database file '{Path}' changed under the writer's connection; it reopens the file at the path for the next write.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_pinned is { } pinned)
        {
            _pinned = null;
            await pinned.DisposeAsync();
        }
    }

    private string? PinnedProblem()
    {
        if (_pinned is not { } pinned)
        {
            return null;
        }
        if (!HasMoved(pinned))
        {
            Interlocked.Exchange(ref _goodAt, time.GetTimestamp());
            return null;
        }
        Interlocked.Exchange(ref _goodAt, Never);
        return File.Exists(Path)
            ? $"The SQLite database file '{Path}' is not the file the server opened at start: it was replaced. Put the original back, or restart the server to use the file now at that path."
            : $"The SQLite database file '{Path}' was deleted or moved after the server opened it. Put it back; writes are refused meanwhile, so that nothing is acknowledged into a file a restart would not find.";
    }

    private StoreUnavailableException Refusal(string problem) => new(problem, new FileNotFoundException(problem, Path));

    private bool HasMoved(SqliteConnection connection)
    {
        if (connection.Handle is not { } handle)
        {
            return false;
        }
        if (!s_noFileControl)
        {
            try
            {
                var moved = 0;
                if (FileControl(handle.DangerousGetHandle(), MainDatabase, FileControlHasMoved, ref moved) == SqliteOk)
                {
                    return moved != 0;
                }
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // A SQLite library other than the bundled one: fall back to the path alone, from now on.
                s_noFileControl = true;
            }
        }
        // Windows' VFS does not answer HAS_MOVED, and there an open database file cannot be deleted or replaced anyway.
        return !File.Exists(Path);
    }

    [DllImport("e_sqlite3", EntryPoint = "sqlite3_file_control", CallingConvention = CallingConvention.Cdecl)]
    private static extern int FileControl(IntPtr db, byte[] databaseName, int op, ref int value);
}
