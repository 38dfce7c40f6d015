using System.Net;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Api;

public sealed class ErrorResponsesTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Empty = "contacts=0 messages=0 chatbots=0 webhooks=0 events=0";

    [Theory]
    [InlineData("contacts")]
    [InlineData("messages")]
    [InlineData("inbound/messages")]
    [InlineData("chatbots")]
    [InlineData("webhooks")]
    public async Task Malformed_json_answers_400_and_stores_nothing(string path)
    {
        var client = await fixture.NewTenantAsync();

        var problem = (await client.PostAsync(path, """{"name":"Ada","phone":""")).AssertProblem(HttpStatusCode.BadRequest);

        Assert.Contains("Could not read", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(Empty, await client.CountsAsync());
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_answers_400_naming_the_field()
    {
        var client = await fixture.NewTenantAsync();

        var problem = (await client.PostAsync("contacts", """{"name":42,"phone":"+441234567890"}""")).AssertProblem(HttpStatusCode.BadRequest);

        Assert.Equal("$.name", problem.Str("field"));
        Assert.Contains("'$.name'", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_type_deep_in_an_array_is_named_by_its_path()
    {
        var client = await fixture.NewTenantAsync();

        var problem = (await client.PostAsync("webhooks", """{"url":"https://example.com/webhook","events":["message.sent",7]}""")).AssertProblem(HttpStatusCode.BadRequest);

        Assert.Equal("$.events[1]", problem.Str("field"));
    }

    [Fact]
    public async Task An_unknown_field_answers_400_naming_it_and_stores_nothing()
    {
        var client = await fixture.NewTenantAsync();

        var problem = (await client.PostAsync("webhooks", """{"url":"https://example.com/webhook","evnts":["*"]}""")).AssertProblem(HttpStatusCode.BadRequest);

        Assert.Contains("evnts", problem.Str("field"), StringComparison.Ordinal);
        Assert.Contains("not part of the request", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(Empty, await client.CountsAsync());
    }

    [Fact]
    public async Task An_unknown_field_in_a_patch_answers_400_and_changes_nothing()
    {
        var client = await fixture.NewTenantAsync();
        var contact = await client.ContactAsync();

        (await client.PatchAsync($"contacts/{contact.Str("id")}", """{"nmae":"Typo"}""")).AssertProblem(HttpStatusCode.BadRequest);

        Assert.Equal(contact.GetRawText(), (await client.GetOkAsync($"contacts/{contact.Str("id")}")).GetRawText());
        Assert.Single(await client.AllAsync("events"));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task A_body_that_is_not_json_answers_415_and_stores_nothing(string contentType)
    {
        var client = await fixture.NewTenantAsync();

        var answer = await client.SendAsync(HttpMethod.Post, "contacts", """{"name":"Ada","phone":"+441234567890"}""", contentType);

        var problem = answer.AssertProblem(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/json", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(Empty, await client.CountsAsync());
    }

    [Fact]
    public async Task A_post_without_a_body_answers_400_asking_for_a_json_body()
    {
        var client = await fixture.NewTenantAsync();

        var problem = (await client.SendAsync(HttpMethod.Post, "contacts")).AssertProblem(HttpStatusCode.BadRequest);

        Assert.Contains("JSON body", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(Empty, await client.CountsAsync());
    }

    [Fact]
    public async Task An_unsupported_method_answers_405_problem_json()
    {
        var client = await fixture.NewTenantAsync();

        var answer = await client.SendAsync(HttpMethod.Put, "contacts", "{}");

        answer.AssertProblem(HttpStatusCode.MethodNotAllowed);
        Assert.NotNull(answer.Response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Validation_problems_name_each_bad_field_with_a_message_saying_what_to_fix()
    {
        var client = await fixture.NewTenantAsync();

        var problem = (await client.PostAsync("webhooks", """{"url":"not a url","events":["nope"],"description":"ok"}""")).AssertInvalidFields("url", "events[0]");

        Assert.Contains("absolute http or https", problem.Error("url"), StringComparison.Ordinal);
        Assert.Contains(problem.Error("url"), problem.Str("detail"), StringComparison.Ordinal);
        Assert.Contains(problem.Error("events[0]"), problem.Str("detail"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("contacts/con_01JD7Q8T5V3K2M4N6P8R0S2T4V")]
    [InlineData("chatbots/cbt_01JD7Q8T5V3K2M4N6P8R0S2T4V")]
    [InlineData("webhooks/whk_01JD7Q8T5V3K2M4N6P8R0S2T4V")]
    [InlineData("events/evt_01JD7Q8T5V3K2M4N6P8R0S2T4V")]
    [InlineData("contacts/anything-at-all")]
    public async Task An_unknown_id_answers_404_problem_json_naming_it(string path)
    {
        var client = await fixture.NewTenantAsync();

        var problem = (await client.GetAnswerAsync(path)).AssertProblem(HttpStatusCode.NotFound);

        Assert.Contains(path.Split('/')[1], problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_route_answers_404_problem_json()
    {
        var client = await fixture.NewTenantAsync();

        var problem = (await client.GetAnswerAsync("nothing-here")).AssertProblem(HttpStatusCode.NotFound);

        Assert.Equal("/api/v1/nothing-here", problem.Str("instance"));
    }

    [Fact]
    public async Task A_conflict_answers_409_and_the_rejected_request_stores_nothing()
    {
        var client = await fixture.NewTenantAsync();
        var phone = Seed.Phone();
        await client.PostOkAsync("contacts", new { name = "Ada", phone });
        var before = await client.CountsAsync();

        (await client.PostAsync("contacts", $$"""{"name":"Ada again","phone":"{{phone}}"}""")).AssertProblem(HttpStatusCode.Conflict);

        Assert.Equal(before, await client.CountsAsync());
    }
}
