using System.Text.Json;
using Libromi.Connect.Client.Tests.Support;

namespace Libromi.Connect.Client.Tests.Webhooks;

/// <summary>A webhook's <c>filter</c> through the SDK: set, kept, changed, removed, refused and tested.</summary>
public sealed class WebhookFiltersClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly JsonElement Gold = JsonElement.Parse("""{"data.contact.attributes.plan":{"$in":["gold","pro"]}}""");

    [Fact]
    public async Task The_filter_is_set_on_create_kept_changed_and_removed_on_update()
    {
        var client = await fixture.NewClientAsync();

        var created = await client.Webhooks.CreateAsync(new() { Url = "https://example.com/webhook", Events = ["*"], Filter = Gold });
        Assert.Equal(Gold.GetRawText(), created.Filter?.GetRawText());

        var kept = await client.Webhooks.UpdateAsync(created.Id, new() { Description = "filtered" });
        Assert.Equal(Gold.GetRawText(), kept.Filter?.GetRawText());

        var changed = await client.Webhooks.UpdateAsync(created.Id, new() { Filter = JsonElement.Parse("""{"type":"message.sent"}""") });
        Assert.Equal("""{"type":"message.sent"}""", changed.Filter?.GetRawText());

        var removed = await client.Webhooks.UpdateAsync(created.Id, new() { RemoveFilter = true });
        Assert.Null(removed.Filter);
        Assert.Null((await client.Webhooks.GetAsync(created.Id)).Filter);
    }

    [Fact]
    public async Task A_wrong_filter_is_refused_with_the_place_it_is_wrong()
    {
        var client = await fixture.NewClientAsync();

        var error = await Assert.ThrowsAsync<LibromiApiException>(() => client.Webhooks.CreateAsync(new()
        {
            Url = "https://example.com/webhook",
            Events = ["*"],
            Filter = JsonElement.Parse("""{"data.amount":{"$gt":"a","$regex":"x"}}"""),
        }));

        Assert.Equal(422, error.Status);
        Assert.Equal(["filter.data.amount.$regex"], error.Errors.Keys);
    }

    [Fact]
    public async Task TestFilterAsync_explains_an_event_given_as_json_and_one_given_by_id()
    {
        var client = await fixture.NewClientAsync();
        var webhook = await client.Webhooks.CreateAsync(new() { Url = "https://example.com/webhook", Events = ["contact.created"], Filter = Gold });
        await client.Contacts.CreateAsync(new() { Name = "Ada", Phone = "+15550107001", Attributes = new System.Text.Json.Nodes.JsonObject { ["plan"] = "gold" } });
        var stored = await client.Events.ListAsync().FirstAsync();

        var byId = await client.Webhooks.TestFilterAsync(webhook.Id, new() { EventId = stored.Id });
        var byBody = await client.Webhooks.TestFilterAsync(webhook.Id, new()
        {
            Event = JsonElement.Parse("""{"type":"message.sent","data":{"contact":{"attributes":{"plan":"free"}}}}"""),
        });

        Assert.Equal((true, true), (byId.Matches, byId.Subscribed));
        Assert.Empty(byId.Reasons);
        Assert.Equal((false, false), (byBody.Matches, byBody.Subscribed));
        Assert.Equal(["data.contact.attributes.plan is \"free\", not one of [\"gold\",\"pro\"]"], byBody.Reasons);
    }
}
