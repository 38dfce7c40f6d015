using System.Net;
using System.Text.Json;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;
using Libromi.Connect.Testing.Postgres;

namespace Libromi.Connect.Server.Tests.Storage.Faults;

/// <summary>A PostgreSQL database whose disk fills up answers 503 like SQLite's, stores nothing, and heals once space is freed.</summary>
public sealed class PostgresFaultTests
{
    [SkippableFact]
    public async Task A_full_disk_under_postgres_answers_503_stores_nothing_and_heals_once_space_is_freed()
    {
        Skip.If(PostgresCluster.FindBinaries() is null, PostgresServer.HowToEnable);
        await using var disk = await SmallDisk.TryMountAsync(32);
        Skip.If(disk is null, SmallDisk.Unavailable);
        // A server of its own: a full tablespace makes every checkpoint of its server fail, which would break other tests.
        await using var cluster = await PostgresCluster.StartAsync(PostgresCluster.FindBinaries()!);
        await using var database = await TestDatabase.CreateInAsync(cluster.ConnectionString, await disk.FolderForAsync("postgres"));
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = database.ConnectionString,
        });
        using var client = server.CreateClient();
        await disk.FillAsync();

        // Free room in the last page of each table takes a few more rows; each one that is answered 201 is really stored.
        var stored = new List<string>();
        ApiAnswer? refused = null;
        for (var i = 0; i < 5000 && refused is null; i++)
        {
            var answer = await client.PostAsync("contacts", JsonSerializer.Serialize(new { name = $"Contact {i} " + new string('x', 150), phone = $"+1555{i:D7}" }));
            if (answer.Status == HttpStatusCode.Created)
            {
                stored.Add(answer.Json.Str("id"));
            }
            else
            {
                refused = answer;
            }
        }

        Assert.NotNull(refused);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal("application/problem+json", refused.ContentType);
        Assert.Equal("Store unavailable", refused.Json.Str("title"));
        Assert.Equal("5", refused.Header("Retry-After"));
        disk.Free();
        var healed = await client.PostAsync("contacts", JsonSerializer.Serialize(new { name = "After", phone = "+15559999999" }));
        Assert.Equal(HttpStatusCode.Created, healed.Status);
        var count = 0;
        string? cursor = null;
        do
        {
            var page = await client.GetOkAsync("contacts?limit=100" + (cursor is null ? "" : "&cursor=" + cursor));
            count += page.GetProperty("data").GetArrayLength();
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);
        Assert.Equal(stored.Count + 1, count);
    }
}
