using System.Net;
using System.Text.Json;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Events;

public sealed class EventsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task An_event_has_the_documented_envelope_and_nothing_else()
    {
        var client = await fixture.NewTenantAsync();
        await client.ContactAsync();

        var evt = Assert.Single(await client.AllAsync("events"));

        Assert.Equal(["id", "type", "created_at", "data"], evt.EnumerateObject().Select(p => p.Name));
        Assert.Matches("^evt_[0-9A-HJKMNP-TV-Z]{26}$", evt.Str("id"));
        Assert.Equal("contact.created", evt.Str("type"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", evt.Str("created_at"));
        Assert.Equal(JsonValueKind.Object, evt.GetProperty("data").ValueKind);
    }

    [Fact]
    public async Task One_event_can_be_read_by_id_with_the_same_bytes_as_in_the_list()
    {
        var client = await fixture.NewTenantAsync();
        await client.ContactAsync();
        var listed = Assert.Single(await client.AllAsync("events"));

        var answer = await client.GetAnswerAsync($"events/{listed.Str("id")}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/json", answer.ContentType);
        Assert.Equal(listed.GetRawText(), answer.Text);
    }

    [Fact]
    public async Task An_unknown_event_id_answers_404()
    {
        var client = await fixture.NewTenantAsync();

        (await client.GetAnswerAsync("events/evt_01JD7Q8T5V3K2M4N6P8R0S2T4V")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Events_are_listed_newest_first_and_paginated()
    {
        var client = await fixture.NewTenantAsync();
        for (var i = 0; i < 4; i++)
        {
            var id = (await client.ContactAsync($"C{i}")).Str("id");
            await client.PatchAsync($"contacts/{id}", $$"""{"name":"D{{i}}"}""");
        }

        var first = await client.GetOkAsync("events?limit=3");
        var all = await client.AllAsync("events", limit: 3);

        Assert.Equal(3, first.GetProperty("data").GetArrayLength());
        Assert.Equal(8, all.Count);
        Assert.Equal(8, all.Select(e => e.Str("id")).Distinct().Count());
        Assert.Equal(all.Select(e => e.Str("id")).OrderDescending(StringComparer.Ordinal), all.Select(e => e.Str("id")));
        Assert.Equal("D3", all[0].GetProperty("data").GetProperty("contact").Str("name"));
        Assert.Equal("contact.updated", all[0].Str("type"));
    }

    [Fact]
    public async Task Filtering_by_type_returns_only_that_type()
    {
        var client = await fixture.NewTenantAsync();
        for (var i = 0; i < 3; i++)
        {
            await client.PostOkAsync("inbound/messages", new { from = Seed.Phone(), content = "Hi" });
        }

        var received = await client.AllAsync("events?type=message.received", limit: 2);
        var created = await client.AllAsync("events?type=contact.created");
        var sent = await client.AllAsync("events?type=message.sent");

        Assert.Equal(3, received.Count);
        Assert.All(received, e => Assert.Equal("message.received", e.Str("type")));
        Assert.Equal(3, created.Count);
        Assert.Empty(sent);
    }

    [Fact]
    public async Task Filtering_by_an_unknown_type_answers_422_listing_the_valid_ones()
    {
        var client = await fixture.NewTenantAsync();

        var problem = (await client.GetAnswerAsync("events?type=contact.deleted")).AssertInvalidFields("type");

        Assert.Contains("contact.updated", problem.Error("type"), StringComparison.Ordinal);
    }
}
