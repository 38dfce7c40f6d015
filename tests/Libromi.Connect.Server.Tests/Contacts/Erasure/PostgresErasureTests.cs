using Libromi.Connect.Testing;
using Npgsql;

namespace Libromi.Connect.Server.Tests.Contacts.Erasure;

/// <summary><see cref="ErasureCompliance"/> on PostgreSQL: a throwaway database per test on the tests' own server.</summary>
public sealed class PostgresErasureTests : ErasureCompliance
{
    protected override bool OnPostgres => true;

    protected override async Task<List<string>> StoredTextAsync(TestServer server)
    {
        var text = new List<string>();
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        foreach (var table in tables)
        {
            // Ordered by the whole row, so that two reads of unchanged tables compare equal.
            await using var select = new NpgsqlCommand($"SELECT * FROM \"{table}\" t ORDER BY t::text", connection);
            await using var reader = await select.ExecuteReaderAsync();
            await AddRowsAsync(text, table, reader);
        }
        return text;
    }
}
