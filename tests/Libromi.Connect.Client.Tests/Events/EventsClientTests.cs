using Libromi.Connect.Client.Tests.Support;
using Libromi.Connect.Webhooks.Events;

namespace Libromi.Connect.Client.Tests.Events;

public sealed class EventsClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Events_are_listed_by_type_and_read_by_id_with_their_data_typed_as_a_receiver_parses_it()
    {
        var client = await fixture.NewClientAsync();
        var contact = await client.Contacts.CreateAsync(new() { Name = "Ada", Phone = "+441234567890" });
        var updated = await client.Contacts.UpdateAsync(contact.Id, new() { Name = "Ada Lovelace" });

        var created = Assert.Single(await client.Events.ListAsync(type: "contact.created").ToListAsync());
        var all = await client.Events.ListAsync(pageSize: 1).ToListAsync();
        var read = Assert.IsType<WebhookEvent<ContactCreated>>(await client.Events.GetAsync(created.Id));

        Assert.Equal(["contact.updated", "contact.created"], all.Select(e => e.Type));
        Assert.Equal((contact.Id, contact.Name, contact.Phone, contact.CreatedAt), (read.Data.Contact.Id, read.Data.Contact.Name, read.Data.Contact.Phone, read.Data.Contact.CreatedAt));
        Assert.Equal((created.Id, created.Type, created.CreatedAt), (read.Id, read.Type, read.CreatedAt));
        var change = Assert.IsType<WebhookEvent<ContactUpdated>>(all[0]);
        Assert.Equal((updated.Name, updated.UpdatedAt), (change.Data.Contact.Name, change.Data.Contact.UpdatedAt));
        Assert.Equal(["name"], change.Data.ChangedFields);
        Assert.Equal("Ada", change.Data.Previous.GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_catalog_lists_the_five_platform_types_the_three_operational_ones_and_the_test_ping()
    {
        var client = await fixture.NewClientAsync();

        var types = await client.Events.ListTypesAsync();

        Assert.Equal(["chatbot.triggered", "contact.created", "contact.updated", "message.received", "message.sent"],
            types.Where(t => t.Subscribable && !t.Operational).Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["delivery.failed", "webhook.disabled", "webhook.recovered"],
            types.Where(t => t.Subscribable && t.Operational).Select(t => t.Name).Order(StringComparer.Ordinal));
        var ping = Assert.Single(types, t => !t.Subscribable);
        Assert.Equal("webhook.test", ping.Name);
        Assert.All(types, t => Assert.Equal(System.Text.Json.JsonValueKind.Object, t.ExampleData.ValueKind));
    }

    [Fact]
    public async Task An_unknown_type_filter_is_a_422_on_type()
    {
        var client = await fixture.NewClientAsync();

        var error = await Assert.ThrowsAsync<LibromiApiException>(async () => await client.Events.ListAsync(type: "contact.deleted").ToListAsync());

        Assert.Equal(422, error.Status);
        Assert.Equal(["type"], error.Errors.Keys);
    }

    [Fact]
    public async Task An_unknown_event_is_a_404()
    {
        var client = await fixture.NewClientAsync();

        var error = await Assert.ThrowsAsync<LibromiApiException>(() => client.Events.GetAsync("evt_01JD7Q8T5V3K2M4N6P8R0S2T4V"));

        Assert.Equal((404, "Not found"), (error.Status, error.Title));
    }
}
