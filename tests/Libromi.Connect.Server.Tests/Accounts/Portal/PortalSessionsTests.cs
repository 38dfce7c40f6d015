using System.Net;
using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Accounts.Portal;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Accounts.Portal;

/// <summary>
/// <c>POST /api/v1/portal-sessions</c> issues a one-time link; <see cref="PortalSessions.RedeemAsync"/> (what the
/// dashboard will call) gives its account once, before it expires, and never again.
/// </summary>
public sealed class PortalSessionsTests
{
    [Fact]
    public async Task A_link_lasts_an_hour_by_default_and_its_token_signs_into_its_own_account_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(time: clock);
        using var client = server.CreateClient();
        var otherKey = await server.CreateAccountAsync();
        var sessions = server.Services.GetRequiredService<PortalSessions>();

        var (status, created) = await client.SendJsonAsync(HttpMethod.Post, "portal-sessions", new { });
        var token = Token(created);
        var first = await sessions.RedeemAsync(token, CancellationToken.None);
        var second = await sessions.RedeemAsync(token, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.StartsWith(new Uri(server.BaseAddress, "/dashboard/portal?token=lps_").AbsoluteUri, created.Str("url"), StringComparison.Ordinal);
        Assert.Equal(clock.GetUtcNow().AddHours(1).ToUnixTimeMilliseconds(), created.GetProperty("expires_at").GetDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Equal(await server.Services.GetRequiredService<ApiKeys>().FindAccountAsync(server.ApiKey, CancellationToken.None), first?.AccountId);
        Assert.Equal(created.GetProperty("expires_at").GetDateTimeOffset(), first?.ExpiresAt);
        Assert.NotEqual(await server.Services.GetRequiredService<ApiKeys>().FindAccountAsync(otherKey, CancellationToken.None), first?.AccountId);
        Assert.Null(second);
        Assert.Null(await sessions.RedeemAsync("lps_not_a_token", CancellationToken.None));
    }

    [Fact]
    public async Task A_link_stops_working_once_it_expires_and_the_token_is_stored_only_as_a_hash()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(time: clock);
        using var client = server.CreateClient();
        var sessions = server.Services.GetRequiredService<PortalSessions>();

        var token = Token(await client.PostOkAsync("portal-sessions", new { expires_in = 60 }));
        clock.Advance(TimeSpan.FromSeconds(60));

        Assert.Null(await sessions.RedeemAsync(token, CancellationToken.None));
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = server.DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT token_hash FROM portal_sessions";
        Assert.Equal(ApiKeys.Hash(token), await select.ExecuteScalarAsync());

        Token(await client.PostOkAsync("portal-sessions", new { expires_in = 60 }));
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM portal_sessions";
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("""{"expires_in":59}""")]
    [InlineData("""{"expires_in":86401}""")]
    [InlineData("""{"expires_in":-1}""")]
    public async Task A_lifetime_outside_60_to_86400_seconds_answers_422_naming_expires_in(string body)
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.CreateClient();

        var problem = (await client.PostAsync("portal-sessions", body)).AssertInvalidFields("expires_in");

        Assert.Contains("from 60 to 86400", problem.Error("expires_in"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_key_cannot_issue_a_link_and_a_disabled_accounts_link_does_not_sign_in()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.CreateClient();
        using var reader = server.CreateClient((await client.PostOkAsync("api-keys", new { name = "Reader", scope = "read" })).Str("key"));
        var token = Token(await client.PostOkAsync("portal-sessions"));

        (await reader.PostAsync("portal-sessions", "{}")).AssertProblem(HttpStatusCode.Forbidden);
        var accountId = await server.Services.GetRequiredService<ApiKeys>().FindAccountAsync(server.ApiKey, CancellationToken.None);
        await server.Services.GetRequiredService<Server.Accounts.Admin.AccountAdmin>().SetDisabledAsync(accountId!, true, CancellationToken.None);

        Assert.Null(await server.Services.GetRequiredService<PortalSessions>().RedeemAsync(token, CancellationToken.None));
    }

    private static string Token(System.Text.Json.JsonElement created) =>
        System.Web.HttpUtility.ParseQueryString(new Uri(created.Str("url")).Query)["token"]!;
}
