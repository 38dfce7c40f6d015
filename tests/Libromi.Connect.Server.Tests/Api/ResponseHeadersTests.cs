using System.Net;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;
using Microsoft.Data.Sqlite;

namespace Libromi.Connect.Server.Tests.Api;

/// <summary>Every answer says: never store me, and never guess my content type.</summary>
public sealed class ResponseHeadersTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_successful_answer_carries_no_store_and_nosniff()
    {
        var client = await fixture.NewTenantAsync();

        var created = await client.PostAsync("contacts", $$"""{"name":"Ada","phone":"{{Seed.Phone()}}"}""");
        var listed = await client.GetAnswerAsync("contacts");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (created.Status, listed.Status));
        AssertProtected(created);
        AssertProtected(listed);
    }

    [Fact]
    public async Task Problem_answers_carry_no_store_and_nosniff()
    {
        var client = await fixture.NewTenantAsync();
        using var anonymous = new HttpClient { BaseAddress = client.BaseAddress };

        var answers = new[]
        {
            (await client.GetAnswerAsync("contacts/con_missing")).AssertProblemAnswer(HttpStatusCode.NotFound),
            (await client.PostAsync("contacts", """{"name":""}""")).AssertProblemAnswer(HttpStatusCode.UnprocessableEntity),
            (await anonymous.GetAnswerAsync("contacts")).AssertProblemAnswer(HttpStatusCode.Unauthorized),
            (await client.GetAnswerAsync("no-such-route")).AssertProblemAnswer(HttpStatusCode.NotFound),
        };

        Assert.All(answers, AssertProtected);
    }

    [Fact]
    public async Task A_store_unavailable_answer_carries_no_store_and_nosniff()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.CreateClient();
        await client.GetOkAsync("contacts");

        // The volume holding the database is gone: no new connection can open it.
        Directory.Delete(server.Directory, recursive: true);
        SqliteConnection.ClearAllPools();
        var answer = await client.GetAnswerAsync("contacts");

        answer.AssertProblem(HttpStatusCode.ServiceUnavailable);
        AssertProtected(answer);
    }

    private static void AssertProtected(ApiAnswer answer)
    {
        Assert.Equal("no-store", answer.Header("Cache-Control"));
        Assert.Equal("nosniff", answer.Header("X-Content-Type-Options"));
    }
}
