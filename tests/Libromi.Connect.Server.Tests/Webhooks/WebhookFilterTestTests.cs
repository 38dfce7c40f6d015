using System.Net;
using System.Text.Json;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Webhooks;

/// <summary><c>POST /webhooks/{id}/filter-test</c>: whether an event, given or stored, would pass the filter, and why not.</summary>
public sealed class WebhookFilterTestTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Filter = """{"data.contact.attributes.plan":{"$in":["gold","pro"]},"data.contact.name":{"$startsWith":"A"}}""";

    [Fact]
    public async Task An_event_body_that_fails_the_filter_is_explained_condition_by_condition()
    {
        var client = await fixture.NewTenantAsync();
        var id = await CreateAsync(client, Filter, """["contact.created"]""");

        var answer = await client.PostOkAsync($"webhooks/{id}/filter-test", new
        {
            @event = new { id = "evt_x", type = "contact.created", created_at = "2026-03-01T12:00:00.000Z", data = new { contact = new { name = "Lin", attributes = new { plan = "free" } } } },
        });

        Assert.False(answer.GetProperty("matches").GetBoolean());
        Assert.True(answer.GetProperty("subscribed").GetBoolean());
        Assert.Equal(
            ["data.contact.attributes.plan is \"free\", not one of [\"gold\",\"pro\"]", "data.contact.name is \"Lin\", not starting with \"A\""],
            answer.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_stored_event_is_tested_by_its_id_and_the_answer_says_whether_the_webhook_subscribes_to_its_type()
    {
        var client = await fixture.NewTenantAsync();
        var id = await CreateAsync(client, Filter, """["message.sent"]""");
        await client.PostOkAsync("contacts", new { name = "Ada", phone = Seed.Phone(), attributes = new { plan = "gold" } });
        var eventId = (await client.GetOkAsync("events?type=contact.created")).GetProperty("data")[0].Str("id");
        var eventsBefore = (await client.AllAsync("events")).Count;

        var answer = await client.PostOkAsync($"webhooks/{id}/filter-test", new { event_id = eventId });

        Assert.True(answer.GetProperty("matches").GetBoolean());
        Assert.False(answer.GetProperty("subscribed").GetBoolean());
        Assert.Empty(answer.GetProperty("reasons").EnumerateArray());
        Assert.Equal(eventsBefore, (await client.AllAsync("events")).Count);
        Assert.Empty((await client.GetOkAsync($"webhooks/{id}/deliveries")).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task A_webhook_without_a_filter_matches_every_event()
    {
        var client = await fixture.NewTenantAsync();
        var id = (await client.PostOkAsync("webhooks", new { url = "https://example.com/a", events = new[] { "*" } })).Str("id");

        var answer = await client.PostOkAsync($"webhooks/{id}/filter-test", new { @event = new { type = "message.sent", data = new { } } });

        Assert.True(answer.GetProperty("matches").GetBoolean());
        Assert.True(answer.GetProperty("subscribed").GetBoolean());
    }

    [Theory]
    [InlineData("{}", "event")]
    [InlineData("""{"event":{"type":"message.sent"},"event_id":"evt_1"}""", "event_id")]
    [InlineData("""{"event":[1]}""", "event")]
    [InlineData("""{"event":null}""", "event")]
    public async Task A_body_without_exactly_one_event_answers_422(string body, string field)
    {
        var client = await fixture.NewTenantAsync();
        var id = await CreateAsync(client, Filter, """["*"]""");

        (await client.PostAsync($"webhooks/{id}/filter-test", body)).AssertInvalidFields(field);
    }

    [Fact]
    public async Task An_unknown_event_id_or_webhook_answers_404()
    {
        var client = await fixture.NewTenantAsync();
        var other = await fixture.NewTenantAsync();
        var id = await CreateAsync(client, Filter, """["*"]""");
        await other.PostOkAsync("contacts", new { name = "Ada", phone = Seed.Phone() });
        var othersEvent = (await other.GetOkAsync("events")).GetProperty("data")[0].Str("id");

        var unknownEvent = await client.PostAsync($"webhooks/{id}/filter-test", $$"""{"event_id":"{{othersEvent}}"}""");
        var unknownWebhook = await client.PostAsync("webhooks/whk_nope/filter-test", """{"event":{"type":"message.sent"}}""");

        Assert.Contains(othersEvent, unknownEvent.AssertProblem(HttpStatusCode.NotFound).Str("detail"), StringComparison.Ordinal);
        Assert.Contains("whk_nope", unknownWebhook.AssertProblem(HttpStatusCode.NotFound).Str("detail"), StringComparison.Ordinal);
    }

    private static async Task<string> CreateAsync(HttpClient client, string filter, string events)
    {
        var answer = await client.PostAsync("webhooks", $$"""{"url":"https://example.com/hook","events":{{events}},"filter":{{filter}}}""");
        Assert.Equal(HttpStatusCode.Created, answer.Status);
        return answer.Json.Str("id");
    }
}
