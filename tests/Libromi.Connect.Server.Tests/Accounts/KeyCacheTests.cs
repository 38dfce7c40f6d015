using System.Net;
using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Accounts;

/// <summary>
/// A key revoked or an account disabled elsewhere (here: written into the SQLite file behind the server's back, as
/// another process would) is refused once <see cref="ApiKeyCache.Lifetime"/> has passed on the server's clock.
/// </summary>
public sealed class KeyCacheTests
{
    [Fact]
    public async Task A_key_revoked_behind_the_servers_back_is_refused_within_a_second()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(time: clock);
        using var owner = server.CreateClient();
        var created = await owner.PostOkAsync("api-keys", new { name = "Elsewhere" });
        using var client = server.CreateClient(created.Str("key"));
        await client.GetOkAsync("contacts");

        await ExecuteAsync(server, "UPDATE api_keys SET revoked_at = 1 WHERE id = @id", created.Str("id"));
        var cached = await client.GetAnswerAsync("contacts");
        clock.Advance(ApiKeyCache.Lifetime);
        var refused = await client.GetAnswerAsync("contacts");

        Assert.Equal(HttpStatusCode.OK, cached.Status);
        refused.AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_account_disabled_behind_the_servers_back_is_refused_within_a_second()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(time: clock);
        using var client = server.CreateClient(await server.CreateAccountAsync());
        await client.GetOkAsync("contacts");

        var keyId = (await client.GetOkAsync("api-keys")).GetProperty("data")[0].Str("id");
        await ExecuteAsync(server, "UPDATE accounts SET disabled_at = 1 WHERE id = (SELECT account_id FROM api_keys WHERE id = @id)", keyId);
        var cached = await client.GetAnswerAsync("contacts");
        clock.Advance(ApiKeyCache.Lifetime);
        var refused = await client.GetAnswerAsync("contacts");

        Assert.Equal(HttpStatusCode.OK, cached.Status);
        Assert.Contains("is disabled", refused.AssertProblem(HttpStatusCode.Forbidden).Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_cache_stays_bounded_and_keeps_answering()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = new ApiKeyCache(clock);
        var access = new ApiKeyAccess("acc_1", "key_1", ApiKeyScope.Full, false);

        for (var i = 0; i < ApiKeyCache.MaxEntries * 3; i++)
        {
            cache.Add("hash" + i, access);
        }
        cache.Add("last", access);

        Assert.InRange(cache.Count, 1, ApiKeyCache.MaxEntries);
        Assert.Equal(access, cache.Find("last"));
        clock.Advance(ApiKeyCache.Lifetime);
        Assert.Null(cache.Find("last"));
    }

    private static async Task ExecuteAsync(TestServer server, string sql, string id)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = server.DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@id", id);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
