using System.Globalization;

namespace Libromi.Connect.Server.Storage.Sqlite;

/// <summary>
/// What a SQLite database leaves next to its file: the write-ahead log (<c>-wal</c>), its shared-memory index
/// (<c>-shm</c>) and a rollback journal (<c>-journal</c>). With the file missing, any of them shows that a database
/// existed at the path and was deleted or moved: starting would silently begin an empty store, and SQLite could even
/// replay the old log into it. So start-up refuses, unless the operator asks for a new store with
/// <c>Storage:SqliteStartEmpty=true</c>; then the leftovers are renamed aside first, and kept.
/// </summary>
internal static class SqliteLeftovers
{
    public const string StartEmptySetting = "Storage:SqliteStartEmpty";

    private static readonly string[] Suffixes = ["-wal", "-shm", "-journal"];

    /// <summary>
    /// Refuses a lost database (throws a <see cref="StoreUnavailableException"/> naming the path and the setting), or with
    /// <paramref name="startEmpty"/> renames the leftovers aside and returns their new names. A fresh install (no file,
    /// no leftovers) and an existing file pass with nothing done.
    /// </summary>
    public static IReadOnlyList<string> Check(string path, bool startEmpty, TimeProvider time)
    {
        if (File.Exists(path))
        {
            return [];
        }
        var leftovers = Suffixes.Select(s => path + s).Where(File.Exists).ToList();
        if (leftovers.Count == 0)
        {
            return [];
        }
        if (!startEmpty)
        {
            var names = string.Join(", ", leftovers.Select(f => $"'{f}'"));
            var message = $"The SQLite database file '{path}' is missing, but {names} {(leftovers.Count == 1 ? "is" : "are")} still there: "
                + $"a database existed at this path and was deleted or moved. Put the file back, or set {StartEmptySetting}=true to start a new, "
                + "empty store (the leftover files are then renamed aside, not deleted).";
            throw new StoreUnavailableException(message, new FileNotFoundException(message, path));
        }
        var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var setAside = new List<string>();
        foreach (var leftover in leftovers)
        {
            var aside = $"{leftover}.orphaned-{stamp}";
            File.Move(leftover, aside);
            setAside.Add(aside);
        }
        return setAside;
    }
}
