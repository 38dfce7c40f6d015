namespace Libromi.Connect.Server.Storage;

/// <summary>Applies numbered schema steps that have not run yet, inside the caller's transaction.</summary>
public static class Migrator
{
    public static async Task ApplyAsync(WriteScope scope, IReadOnlyList<string> migrations, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var create = scope.Command("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        long applied;
        await using (var current = scope.Command("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))
        {
            applied = Convert.ToInt64(await current.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        for (var version = (int)applied + 1; version <= migrations.Count; version++)
        {
            await using (var step = scope.Command(migrations[version - 1]))
            {
                await step.ExecuteNonQueryAsync(cancellationToken);
            }
            await using var record = scope.Command("INSERT INTO schema_migrations (version, applied_at) VALUES (@v, @t)")
                .With("@v", version)
                .With("@t", now.ToUnixTimeMilliseconds());
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
