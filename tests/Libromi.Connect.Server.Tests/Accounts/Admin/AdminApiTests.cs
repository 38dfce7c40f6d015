using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Accounts.Admin;

/// <summary>The admin API at <c>/admin/v1</c>, behind the operator key <c>Admin:ApiKey</c>, on a real server.</summary>
public sealed class AdminApiTests : IAsyncLifetime
{
    private readonly string _operatorKey = ApiKeys.NewKey();
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Admin:ApiKey"] = _operatorKey });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer lbk_not_the_operator_key_at_all_000")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Without_the_operator_key_the_admin_api_answers_401_problem_json(string? authorization)
    {
        using var client = new HttpClient { BaseAddress = new Uri(_server.BaseAddress, "/admin/v1/") };
        var headers = authorization is null ? null : new Dictionary<string, string> { ["Authorization"] = authorization };

        foreach (var (method, path) in new[] { (HttpMethod.Get, "accounts"), (HttpMethod.Post, "accounts"), (HttpMethod.Get, "nothing-here") })
        {
            var answer = await client.SendAsync(method, path, method == HttpMethod.Post ? """{"name":"Acme"}""" : null, headers: headers);

            answer.AssertProblem(HttpStatusCode.Unauthorized);
            Assert.Equal("Bearer", answer.Response.Headers.WwwAuthenticate.ToString());
        }
        Assert.Single((await Admin(_operatorKey).GetOkAsync("accounts")).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task An_account_key_never_opens_the_admin_api_and_the_operator_key_never_opens_the_account_api()
    {
        var asAccount = await Admin(_server.ApiKey).SendAsync(HttpMethod.Get, "accounts");
        using var asOperator = _server.CreateClient(_operatorKey);

        Assert.Contains("never an account's API key", asAccount.AssertProblem(HttpStatusCode.Unauthorized).Str("detail"), StringComparison.Ordinal);
        (await asOperator.GetAnswerAsync("contacts")).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_created_account_answers_its_first_key_once_and_that_key_opens_only_that_account()
    {
        using var admin = Admin(_operatorKey);

        var (status, created) = await admin.SendJsonAsync(HttpMethod.Post, "accounts", new { name = "Acme" });
        using var acme = _server.CreateClient(created.GetProperty("api_key").Str("key"));

        Assert.Equal(HttpStatusCode.Created, status);
        var account = created.GetProperty("account");
        Assert.StartsWith("acc_", account.Str("id"));
        Assert.Equal(("Acme", JsonValueKind.Null), (account.Str("name"), account.GetProperty("disabled_at").ValueKind));
        Assert.Equal(("Default key", "full"), (created.GetProperty("api_key").Str("name"), created.GetProperty("api_key").Str("scope")));
        await acme.PostOkAsync("contacts", new { name = "Ada", phone = Seed.Phone() });
        Assert.Single((await acme.GetOkAsync("contacts")).GetProperty("data").EnumerateArray());
        Assert.Empty((await _server.CreateClient().GetOkAsync("contacts")).GetProperty("data").EnumerateArray());
        var listed = await admin.GetOkAsync("accounts");
        Assert.DoesNotContain(created.GetProperty("api_key").Str("key"), listed.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accounts_are_listed_page_by_page_newest_first()
    {
        using var admin = Admin(_operatorKey);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await admin.PostOkAsync("accounts", new { name = "Tenant " + i })).GetProperty("account").Str("id"));
        }

        var first = await admin.GetOkAsync("accounts?limit=2");
        var second = await admin.GetOkAsync("accounts?limit=2&cursor=" + first.Str("next_cursor"));

        var listed = first.GetProperty("data").EnumerateArray().Concat(second.GetProperty("data").EnumerateArray()).Select(a => a.Str("id")).ToList();
        Assert.Equal([ids[2], ids[1], ids[0]], listed.Take(3));
        Assert.Equal(4, listed.Count);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next_cursor").ValueKind);
        (await admin.SendAsync(HttpMethod.Get, "accounts?limit=0")).AssertInvalidFields("limit");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"name":""}""")]
    public async Task An_account_needs_a_name(string body)
    {
        using var admin = Admin(_operatorKey);

        (await admin.PostAsync("accounts", body)).AssertInvalidFields("name");

        Assert.Single((await admin.GetOkAsync("accounts")).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task A_disabled_accounts_keys_answer_403_naming_it_until_it_is_enabled_again()
    {
        using var admin = Admin(_operatorKey);
        var created = await admin.PostOkAsync("accounts", new { name = "Acme" });
        var id = created.GetProperty("account").Str("id");
        using var acme = _server.CreateClient(created.GetProperty("api_key").Str("key"));
        await acme.GetOkAsync("contacts");

        var disabled = await admin.PostOkAsync($"accounts/{id}/disable");
        var refused = (await acme.GetAnswerAsync("contacts")).AssertProblem(HttpStatusCode.Forbidden);
        var writeRefused = (await acme.PostAsync("contacts", $$"""{"name":"Ada","phone":"{{Seed.Phone()}}"}""")).AssertProblem(HttpStatusCode.Forbidden);
        var enabled = await admin.PostOkAsync($"accounts/{id}/enable");

        Assert.Equal(JsonValueKind.String, disabled.GetProperty("disabled_at").ValueKind);
        Assert.Contains($"account '{id}' is disabled", refused.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("is disabled", writeRefused.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, enabled.GetProperty("disabled_at").ValueKind);
        await acme.GetOkAsync("contacts");
        Assert.Empty((await acme.GetOkAsync("contacts")).GetProperty("data").EnumerateArray());
        await _server.CreateClient().GetOkAsync("contacts");
    }

    [Fact]
    public async Task Disabling_or_enabling_an_unknown_account_is_a_404()
    {
        using var admin = Admin(_operatorKey);

        (await admin.PostAsync("accounts/acc_unknown/disable", "")).AssertProblem(HttpStatusCode.NotFound);
        (await admin.PostAsync("accounts/acc_unknown/enable", "")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Without_Admin_ApiKey_there_is_no_admin_api()
    {
        await using var server = await TestServer.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(server.BaseAddress, "/admin/v1/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.ApiKey);

        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Get, "accounts")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Post, "accounts", """{"name":"Acme"}""")).Status);
    }

    private HttpClient Admin(string key)
    {
        var client = new HttpClient { BaseAddress = new Uri(_server.BaseAddress, "/admin/v1/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
