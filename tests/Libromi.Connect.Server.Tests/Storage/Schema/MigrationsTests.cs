using Libromi.Connect.Server.Storage;
using Libromi.Connect.Server.Storage.Postgres;
using Libromi.Connect.Server.Storage.Sqlite;

namespace Libromi.Connect.Server.Tests.Storage.Schema;

public sealed class MigrationsTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_released_migration_renders_for_its_provider_to_the_very_text_it_was_released_with(string provider)
    {
        var (dialect, released) = Released(provider);

        var rendered = Migrations.For(dialect);

        Assert.True(rendered.Count >= released.Count, "A released migration was removed.");
        for (var i = 0; i < released.Count; i++)
        {
            Assert.Equal(released[i], rendered[i]);
        }
    }

    private static (SqlDialect Dialect, IReadOnlyList<string> Released) Released(string provider) => provider switch
    {
        "sqlite" => (new SqliteDialect(), ReleasedSqliteMigrations.Migrations),
        "postgres" => (new PostgresDialect(), ReleasedPostgresMigrations.Migrations),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}
