using System.Text.Json;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Events;

public sealed class EventTypesTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task The_catalog_lists_the_five_documented_events_with_descriptions_and_examples()
    {
        var client = await fixture.NewTenantAsync();

        var types = (await client.GetOkAsync("event-types")).GetProperty("data").EnumerateArray().ToList();

        var subscribable = types.Where(t => t.GetProperty("subscribable").GetBoolean()).Select(t => t.Str("name"));
        Assert.Equal(["contact.created", "contact.updated", "message.received", "message.sent", "chatbot.triggered"], subscribable);
        Assert.All(types, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.Str("description")));
            Assert.Equal(JsonValueKind.Object, t.GetProperty("example_data").ValueKind);
        });
    }

    [Theory]
    [InlineData("contact.created", "contact")]
    [InlineData("contact.updated", "contact,changed_fields,previous")]
    [InlineData("message.received", "contact,message")]
    [InlineData("message.sent", "contact,message")]
    [InlineData("chatbot.triggered", "chatbot,contact,message")]
    public async Task Each_example_has_the_same_keys_as_a_real_event_of_its_type(string type, string keys)
    {
        var client = await fixture.NewTenantAsync();

        var entry = (await client.GetOkAsync("event-types")).GetProperty("data").EnumerateArray().Single(t => t.Str("name") == type);

        Assert.Equal(keys.Split(','), entry.GetProperty("example_data").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task The_contact_in_an_example_has_the_same_fields_as_a_real_contact()
    {
        var client = await fixture.NewTenantAsync();
        var contact = await client.ContactAsync();

        var entry = (await client.GetOkAsync("event-types")).GetProperty("data").EnumerateArray().Single(t => t.Str("name") == "contact.created");

        Assert.Equal(
            contact.EnumerateObject().Select(p => p.Name),
            entry.GetProperty("example_data").GetProperty("contact").EnumerateObject().Select(p => p.Name));
    }
}
