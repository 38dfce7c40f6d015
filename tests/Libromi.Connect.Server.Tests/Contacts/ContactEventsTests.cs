using System.Text.Json;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Contacts;

public sealed class ContactEventsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Creating_a_contact_emits_exactly_one_contact_created_carrying_the_contact()
    {
        var client = await fixture.NewTenantAsync();

        var contact = await client.PostOkAsync("contacts", new { name = "Ada", phone = Seed.Phone(), attributes = new { plan = "gold" } });

        var evt = Assert.Single(await client.AllAsync("events"));
        Assert.Equal("contact.created", evt.Str("type"));
        Assert.Equal(["contact"], evt.GetProperty("data").EnumerateObject().Select(p => p.Name));
        Assert.Equal(contact.GetRawText(), evt.GetProperty("data").GetProperty("contact").GetRawText());
    }

    [Fact]
    public async Task Updating_a_contact_emits_contact_updated_with_the_changed_fields_and_their_previous_values()
    {
        var client = await fixture.NewTenantAsync();
        var created = await client.PostOkAsync("contacts", new { name = "Ada", phone = Seed.Phone(), email = "ada@example.com", attributes = new { plan = "gold" } });
        var newPhone = Seed.Phone();

        var updated = (await client.PatchAsync($"contacts/{created.Str("id")}",
            $$$"""{"name":"Ada Lovelace","phone":"{{{newPhone}}}","email":"ada@example.com","attributes":{"plan":"platinum"}}""")).Json;

        var events = await client.AllAsync("events?type=contact.updated");
        var data = Assert.Single(events).GetProperty("data");
        Assert.Equal(updated.GetRawText(), data.GetProperty("contact").GetRawText());
        Assert.Equal(["name", "phone", "attributes"], data.GetProperty("changed_fields").EnumerateArray().Select(f => f.GetString()));
        var previous = data.GetProperty("previous");
        Assert.Equal("Ada", previous.Str("name"));
        Assert.Equal(created.Str("phone"), previous.Str("phone"));
        Assert.Equal("""{"plan":"gold"}""", previous.GetProperty("attributes").GetRawText());
        Assert.False(previous.TryGetProperty("email", out _));
    }

    [Fact]
    public async Task Removing_the_email_reports_it_as_changed_with_the_old_address()
    {
        var client = await fixture.NewTenantAsync();
        var id = (await client.PostOkAsync("contacts", new { name = "Ada", phone = Seed.Phone(), email = "ada@example.com" })).Str("id");

        await client.PatchAsync($"contacts/{id}", """{"email":""}""");

        var data = Assert.Single(await client.AllAsync("events?type=contact.updated")).GetProperty("data");
        Assert.Equal(["email"], data.GetProperty("changed_fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("ada@example.com", data.GetProperty("previous").Str("email"));
        Assert.Equal(JsonValueKind.Null, data.GetProperty("contact").GetProperty("email").ValueKind);
    }

    [Fact]
    public async Task A_patch_that_changes_nothing_emits_no_event_and_keeps_updated_at()
    {
        var client = await fixture.NewTenantAsync();
        var phone = Seed.Phone();
        var created = await client.PostOkAsync("contacts", new { name = "Ada", phone, attributes = new { plan = "gold" } });

        var same = (await client.PatchAsync($"contacts/{created.Str("id")}",
            $$$"""{"name":"Ada","phone":"{{{phone}}}","attributes":{"plan":"gold"}}""")).Json;
        await client.PatchAsync($"contacts/{created.Str("id")}", "{}");

        Assert.Equal(created.Str("updated_at"), same.Str("updated_at"));
        Assert.Equal(["contact.created"], await client.EventTypesAsync());
    }

    [Fact]
    public async Task Each_patch_that_changes_something_emits_its_own_event()
    {
        var client = await fixture.NewTenantAsync();
        var id = (await client.ContactAsync("Ada")).Str("id");

        await client.PatchAsync($"contacts/{id}", """{"name":"Ada L."}""");
        await client.PatchAsync($"contacts/{id}", """{"name":"Ada Lovelace"}""");

        var events = await client.AllAsync("events?type=contact.updated");
        Assert.Equal(2, events.Count);
        Assert.Equal("Ada L.", events[0].GetProperty("data").GetProperty("previous").Str("name"));
        Assert.Equal("Ada", events[1].GetProperty("data").GetProperty("previous").Str("name"));
    }
}
