using Libromi.Connect.Testing;
using Microsoft.Data.Sqlite;

namespace Libromi.Connect.Server.Tests.Contacts.Erasure;

/// <summary><see cref="ErasureCompliance"/> on the embedded default: a SQLite file per server.</summary>
public sealed class SqliteErasureTests : ErasureCompliance
{
    protected override bool OnPostgres => false;

    protected override async Task<List<string>> StoredTextAsync(TestServer server)
    {
        var text = new List<string>();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = server.DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            await using var reader = await select.ExecuteReaderAsync();
            await AddRowsAsync(text, table, reader);
        }
        return text;
    }
}
