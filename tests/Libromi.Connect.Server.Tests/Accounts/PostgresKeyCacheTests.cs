using System.Net;
using System.Net.Http.Headers;
using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Accounts;

/// <summary>Two nodes on one PostgreSQL database: a key revoked or an account disabled on one is refused by the other within a second.</summary>
public sealed class PostgresKeyCacheTests : ProviderServer
{
    protected override bool OnPostgres => true;

    [SkippableFact]
    public async Task A_key_revoked_on_one_node_is_refused_on_the_other_within_a_second()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var nodeA = await TestServer.StartAsync(Settings(), clock);
        await using var nodeB = await TestServer.StartAsync(Settings(), clock);
        using var ownerOnA = nodeA.CreateClient();
        var created = await ownerOnA.PostOkAsync("api-keys", new { name = "Shared" });
        using var onA = nodeA.CreateClient(created.Str("key"));
        using var onB = nodeB.CreateClient(created.Str("key"));
        await onA.GetOkAsync("contacts");
        await onB.GetOkAsync("contacts");

        Assert.Equal(HttpStatusCode.NoContent, (await ownerOnA.DeleteAnswerAsync($"api-keys/{created.Str("id")}")).Status);
        var refusedOnA = await onA.GetAnswerAsync("contacts");
        var cachedOnB = await onB.GetAnswerAsync("contacts");
        clock.Advance(ApiKeyCache.Lifetime);
        var refusedOnB = await onB.GetAnswerAsync("contacts");

        refusedOnA.AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, cachedOnB.Status);
        refusedOnB.AssertProblem(HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task An_account_disabled_on_one_node_is_refused_on_the_other_within_a_second_and_enabled_again()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var operatorKey = ApiKeys.NewKey();
        await using var nodeA = await TestServer.StartAsync(Settings(("Admin:ApiKey", operatorKey)), clock);
        await using var nodeB = await TestServer.StartAsync(Settings(("Admin:ApiKey", operatorKey)), clock);
        using var admin = new HttpClient { BaseAddress = new Uri(nodeA.BaseAddress, "/admin/v1/") };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", operatorKey);
        var acme = await admin.PostOkAsync("accounts", new { name = "Acme" });
        using var onB = nodeB.CreateClient(acme.GetProperty("api_key").Str("key"));
        await onB.GetOkAsync("contacts");

        await admin.PostOkAsync($"accounts/{acme.GetProperty("account").Str("id")}/disable");
        clock.Advance(ApiKeyCache.Lifetime);
        var refused = await onB.GetAnswerAsync("contacts");
        await admin.PostOkAsync($"accounts/{acme.GetProperty("account").Str("id")}/enable");
        clock.Advance(ApiKeyCache.Lifetime);

        Assert.Contains("is disabled", refused.AssertProblem(HttpStatusCode.Forbidden).Str("detail"), StringComparison.Ordinal);
        await onB.GetOkAsync("contacts");
    }

    private Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = StorageSettings();
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        return settings;
    }
}
