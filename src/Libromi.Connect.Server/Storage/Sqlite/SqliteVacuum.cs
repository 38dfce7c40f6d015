using System.Globalization;
using Libromi.Connect.Server.Retention;

namespace Libromi.Connect.Server.Storage.Sqlite;

/// <summary>
/// The step <c>vacuum</c> (SQLite only, last): the purge's deletes leave free pages, which SQLite reuses for new rows
/// anyway, so the file stops growing once retention is reached. When the free pages exceed a tenth of the file (and
/// <see cref="MinFreePages"/>), this gives the excess over a twentieth back to the file system with
/// <c>PRAGMA incremental_vacuum</c>, <see cref="PagesPerStep"/> pages per write transaction, so the writer is never
/// held long and some free pages stay for the next inserts.
/// </summary>
public sealed class SqliteVacuum(Database database) : IPurgeStep
{
    /// <summary>At most this many pages (16 MiB of 4 KiB pages) are released per write transaction.</summary>
    public const int PagesPerStep = 4096;

    /// <summary>Fewer free pages than this (1 MiB of 4 KiB pages) are not worth a vacuum.</summary>
    public const int MinFreePages = 256;

    public string Name => "vacuum";

    public async Task<long> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (pages, free) = await PagesAsync(cancellationToken);
        if (free < MinFreePages || free * 10 <= pages)
        {
            return 0;
        }
        var release = free - (pages / 20);
        long released = 0;
        while (released < release)
        {
            var step = (int)Math.Min(PagesPerStep, release - released);
            await using var scope = await database.BeginWriteAsync(cancellationToken);
            await using (var vacuum = scope.Command($"PRAGMA incremental_vacuum({step.ToString(CultureInfo.InvariantCulture)})"))
            {
                await vacuum.ExecuteNonQueryAsync(cancellationToken);
            }
            await scope.CommitAsync(cancellationToken);
            released += step;
        }
        return released;
    }

    private async Task<(long Pages, long Free)> PagesAsync(CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        await using var count = session.Command("SELECT page_count, freelist_count FROM pragma_page_count(), pragma_freelist_count()");
        await using var reader = await count.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
