using System.Net;
using System.Text.Json;
using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Libromi.Connect.Server.Tests.Accounts;

/// <summary><c>/api/v1/api-keys</c> on a real server: keys created with a scope, listed without their text, revoked.</summary>
public sealed class ApiKeysApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_created_key_is_shown_once_and_lists_show_only_its_prefix_name_scope_and_times()
    {
        using var client = await fixture.NewTenantAsync();

        var created = await client.PostOkAsync("api-keys", new { name = "CI deploys", scope = "read" });
        var list = await client.GetOkAsync("api-keys");

        var key = created.Str("key");
        Assert.StartsWith("lbk_", key);
        Assert.True(key.Length >= ApiKeys.MinKeyLength);
        Assert.StartsWith("key_", created.Str("id"));
        Assert.Equal((key[..8], "CI deploys", "read"), (created.Str("prefix"), created.Str("name"), created.Str("scope")));
        var listed = list.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(2, listed.Count);
        Assert.Equal(created.Str("id"), listed[0].Str("id"));
        Assert.Equal(["created_at", "id", "last_used_at", "name", "prefix", "scope"], listed[0].EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(("Default key", "full"), (listed[1].Str("name"), listed[1].Str("scope")));
        Assert.DoesNotContain(key, list.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKeys.Hash(key), list.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_full_key_works_and_the_scope_defaults_to_full()
    {
        using var client = await fixture.NewTenantAsync();

        var created = await client.PostOkAsync("api-keys", new { name = "Second" });
        using var second = fixture.Server.CreateClient(created.Str("key"));

        Assert.Equal("full", created.Str("scope"));
        await second.PostOkAsync("contacts", new { name = "Ada", phone = Seed.Phone() });
    }

    [Fact]
    public async Task A_read_key_reads_and_every_write_answers_403_problem_json_naming_the_scope()
    {
        using var client = await fixture.NewTenantAsync();
        var contact = await client.PostOkAsync("contacts", new { name = "Ada", phone = Seed.Phone() });
        using var reader = fixture.Server.CreateClient((await client.PostOkAsync("api-keys", new { name = "Reports", scope = "read" })).Str("key"));

        Assert.Equal(contact.Str("id"), (await reader.GetOkAsync($"contacts/{contact.Str("id")}")).Str("id"));
        await reader.GetOkAsync("api-keys");
        foreach (var (method, path, body) in new (HttpMethod, string, string?)[]
        {
            (HttpMethod.Post, "contacts", $$"""{"name":"Bob","phone":"{{Seed.Phone()}}"}"""),
            (HttpMethod.Patch, $"contacts/{contact.Str("id")}", """{"name":"Eve"}"""),
            (HttpMethod.Delete, $"contacts/{contact.Str("id")}", null),
            (HttpMethod.Post, "api-keys", """{"name":"Escalate","scope":"full"}"""),
            (HttpMethod.Put, "no-such-route", null),
        })
        {
            var problem = (await reader.SendAsync(method, path, body)).AssertProblem(HttpStatusCode.Forbidden);
            Assert.Contains("'read' scope", problem.Str("detail"), StringComparison.Ordinal);
        }
        Assert.Equal("Ada", (await client.GetOkAsync($"contacts/{contact.Str("id")}")).Str("name"));
        Assert.Equal(2, (await client.GetOkAsync("api-keys")).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task A_revoked_key_is_refused_at_once_and_leaves_the_list()
    {
        using var client = await fixture.NewTenantAsync();
        var created = await client.PostOkAsync("api-keys", new { name = "Temporary" });
        using var temporary = fixture.Server.CreateClient(created.Str("key"));
        await temporary.GetOkAsync("contacts");

        var revoked = await client.DeleteAnswerAsync($"api-keys/{created.Str("id")}");

        Assert.Equal(HttpStatusCode.NoContent, revoked.Status);
        var problem = (await temporary.GetAnswerAsync("contacts")).AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", problem.Str("detail"), StringComparison.Ordinal);
        Assert.DoesNotContain((await client.GetOkAsync("api-keys")).GetProperty("data").EnumerateArray(), k => k.Str("id") == created.Str("id"));
        (await client.DeleteAnswerAsync($"api-keys/{created.Str("id")}")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_last_full_key_cannot_be_revoked_but_one_of_two_can()
    {
        using var client = await fixture.NewTenantAsync();
        var first = (await client.GetOkAsync("api-keys")).GetProperty("data")[0].Str("id");
        var reader = await client.PostOkAsync("api-keys", new { name = "Reader", scope = "read" });

        var refused = (await client.DeleteAnswerAsync($"api-keys/{first}")).AssertProblem(HttpStatusCode.Conflict);
        var second = await client.PostOkAsync("api-keys", new { name = "Second full" });
        var allowed = await client.DeleteAnswerAsync($"api-keys/{first}");

        Assert.Contains("last key with the 'full' scope", refused.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, allowed.Status);
        using var next = fixture.Server.CreateClient(second.Str("key"));
        Assert.Equal(HttpStatusCode.NoContent, (await next.DeleteAnswerAsync($"api-keys/{reader.Str("id")}")).Status);
        (await next.DeleteAnswerAsync($"api-keys/{second.Str("id")}")).AssertProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Another_accounts_key_cannot_be_revoked_or_listed()
    {
        using var owner = await fixture.NewTenantAsync();
        using var stranger = await fixture.NewTenantAsync();
        var created = await owner.PostOkAsync("api-keys", new { name = "Mine" });

        (await stranger.DeleteAnswerAsync($"api-keys/{created.Str("id")}")).AssertProblem(HttpStatusCode.NotFound);

        Assert.DoesNotContain((await stranger.GetOkAsync("api-keys")).GetProperty("data").EnumerateArray(), k => k.Str("id") == created.Str("id"));
        using var mine = fixture.Server.CreateClient(created.Str("key"));
        await mine.GetOkAsync("contacts");
    }

    [Theory]
    [InlineData("""{"scope":"read"}""", "name")]
    [InlineData("""{"name":"  "}""", "name")]
    [InlineData("""{"name":"X","scope":"admin"}""", "scope")]
    [InlineData("""{"name":"X","scope":"write"}""", "scope")]
    public async Task An_invalid_key_request_answers_422_naming_the_field_and_creates_nothing(string body, string field)
    {
        using var client = await fixture.NewTenantAsync();

        (await client.PostAsync("api-keys", body)).AssertInvalidFields(field);

        Assert.Equal(1, (await client.GetOkAsync("api-keys")).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Keys_are_listed_page_by_page_newest_first()
    {
        using var client = await fixture.NewTenantAsync();
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await client.PostOkAsync("api-keys", new { name = "Key " + i, scope = "read" })).Str("id"));
        }

        var first = await client.GetOkAsync("api-keys?limit=3");
        var second = await client.GetOkAsync("api-keys?limit=3&cursor=" + first.Str("next_cursor"));

        var listed = first.GetProperty("data").EnumerateArray().Concat(second.GetProperty("data").EnumerateArray()).Select(k => k.Str("id")).ToList();
        Assert.Equal(Enumerable.Reverse(ids), listed.Take(4));
        Assert.Equal("Default key", second.GetProperty("data")[1].Str("name"));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next_cursor").ValueKind);
    }

    [Fact]
    public async Task The_time_a_key_was_last_used_is_recorded()
    {
        using var client = await fixture.NewTenantAsync();
        var created = await client.PostOkAsync("api-keys", new { name = "Used", scope = "read" });
        Assert.Equal(JsonValueKind.Null, created.GetProperty("last_used_at").ValueKind);
        using var used = fixture.Server.CreateClient(created.Str("key"));
        var before = DateTimeOffset.UtcNow;

        await used.GetOkAsync("contacts");
        await fixture.Server.Services.GetRequiredService<ApiKeyUsage>().FlushAsync(CancellationToken.None);

        var listed = (await client.GetOkAsync("api-keys")).GetProperty("data").EnumerateArray().Single(k => k.Str("id") == created.Str("id"));
        Assert.InRange(listed.GetProperty("last_used_at").GetDateTimeOffset(), before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }
}
