using System.Net;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;
using Microsoft.Data.Sqlite;

namespace Libromi.Connect.Server.Tests.Accounts;

public sealed class AuthenticationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("lbk_no_scheme")]
    [InlineData("Bearer lbk_not_a_key_anyone_has")]
    public async Task Requests_without_a_valid_key_answer_401_problem_json_with_www_authenticate(string? authorization)
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.Server.BaseAddress, "/api/v1/") };
        var headers = authorization is null ? null : new Dictionary<string, string> { ["Authorization"] = authorization };

        foreach (var (method, path, body) in new (HttpMethod, string, string?)[]
        {
            (HttpMethod.Get, "contacts", null),
            (HttpMethod.Post, "contacts", """{"name":"Ada","phone":"+441234567890"}"""),
            (HttpMethod.Get, "events", null),
            (HttpMethod.Get, "event-types", null),
        })
        {
            var answer = await client.SendAsync(method, path, body, headers: headers);

            answer.AssertProblem(HttpStatusCode.Unauthorized);
            Assert.Equal("Bearer", answer.Response.Headers.WwwAuthenticate.ToString());
        }
    }

    [Theory]
    [InlineData("GET", "nothing-here")]
    [InlineData("PUT", "contacts")]
    public async Task Without_a_key_a_path_with_no_route_or_no_such_method_answers_401_like_any_other(string method, string path)
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.Server.BaseAddress, "/api/v1/") };

        var answer = await client.SendAsync(new HttpMethod(method), path);

        var problem = answer.AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal("Send your API key in the header 'Authorization: Bearer <api key>'.", problem.Str("detail"));
        Assert.Equal("Bearer", answer.Response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_rejected_key_stores_nothing_in_any_account()
    {
        using var stranger = fixture.Server.CreateClient("lbk_wrong");
        var before = await CountRowsAsync("contacts");

        (await stranger.PostAsync("contacts", $$"""{"name":"Ada","phone":"{{Seed.Phone()}}"}""")).AssertProblem(HttpStatusCode.Unauthorized);

        Assert.Equal(before, await CountRowsAsync("contacts"));
    }

    [Fact]
    public async Task The_scheme_name_is_case_insensitive_and_the_servers_own_key_works()
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.Server.BaseAddress, "/api/v1/") };

        var answer = await client.SendAsync(HttpMethod.Get, "contacts", headers: new Dictionary<string, string> { ["Authorization"] = $"bearer {fixture.Server.ApiKey}" });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task Health_and_the_openapi_document_need_no_key()
    {
        using var client = new HttpClient { BaseAddress = fixture.Server.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAnswerAsync("/healthz")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAnswerAsync("/openapi/v1.json")).Status);
    }

    // Every account shares the file, so only the table itself shows that an unauthenticated write went nowhere.
    private async Task<long> CountRowsAsync(string table)
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.Server.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
