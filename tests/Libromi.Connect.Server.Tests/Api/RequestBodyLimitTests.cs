using System.Net;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Api;

public sealed class RequestBodyLimitTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int OneMebibyte = 1024 * 1024;

    private static string ContactBody(int totalLength)
    {
        var prefix = "{\"name\":\"Ada\",\"phone\":\"" + Seed.Phone() + "\",\"attributes\":{\"notes\":\"";
        const string suffix = "\"}}";
        return prefix + new string('x', totalLength - prefix.Length - suffix.Length) + suffix;
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_answers_413_problem_json_and_stores_nothing()
    {
        var client = await fixture.NewTenantAsync();

        var problem = (await client.PostAsync("contacts", ContactBody(OneMebibyte + 1))).AssertProblem(HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("1 MiB", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Empty(await client.AllAsync("contacts"));
        Assert.Empty(await client.AllAsync("events"));
    }

    [Fact]
    public async Task A_body_of_exactly_one_mebibyte_is_accepted()
    {
        var client = await fixture.NewTenantAsync();

        var answer = await client.PostAsync("contacts", ContactBody(OneMebibyte));

        Assert.Equal(HttpStatusCode.Created, answer.Status);
    }

    [Fact]
    public async Task The_limit_follows_Api_MaxRequestBodySize()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Api:MaxRequestBodySize"] = "2048" });
        using var client = server.CreateClient();

        (await client.PostAsync("contacts", ContactBody(2049))).AssertProblem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("contacts", ContactBody(2048))).Status);
        Assert.Single(await client.AllAsync("contacts"));
    }
}
