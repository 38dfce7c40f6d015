using System.Text.Json;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Events;

public sealed class EventTypesTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task The_catalog_lists_the_five_documented_events_and_the_three_operational_ones_with_descriptions_and_examples()
    {
        var client = await fixture.NewTenantAsync();

        var types = (await client.GetOkAsync("event-types")).GetProperty("data").EnumerateArray().ToList();

        var subscribable = types.Where(t => t.GetProperty("subscribable").GetBoolean());
        Assert.Equal(["contact.created", "contact.updated", "message.received", "message.sent", "chatbot.triggered"],
            subscribable.Where(t => !t.GetProperty("operational").GetBoolean()).Select(t => t.Str("name")));
        Assert.Equal(["delivery.failed", "webhook.disabled", "webhook.recovered"],
            types.Where(t => t.GetProperty("operational").GetBoolean()).Select(t => t.Str("name")));
        Assert.All(types.Where(t => t.GetProperty("operational").GetBoolean()), t => Assert.True(t.GetProperty("subscribable").GetBoolean()));
        Assert.All(types, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.Str("description")));
            Assert.Equal(JsonValueKind.Object, t.GetProperty("example_data").ValueKind);
        });
    }

    [Fact]
    public async Task Each_example_has_the_shape_of_a_real_event_of_its_type()
    {
        var client = await fixture.NewTenantAsync();
        var contact = await client.ContactAsync();
        await client.SendJsonAsync(HttpMethod.Patch, $"contacts/{contact.Str("id")}", new { name = "Ada King" });
        await client.PostOkAsync("messages", new { contact_id = contact.Str("id"), type = "text", content = "Hello" });
        await client.ChatbotAsync(["hours"]);
        await client.PostOkAsync("inbound/messages", new { from = contact.Str("phone"), content = "What are your hours?" });

        // The operational events' examples are compared with real ones in Operational/OperationalEventsTests.
        var examples = (await client.GetOkAsync("event-types")).GetProperty("data").EnumerateArray()
            .Where(t => t.GetProperty("subscribable").GetBoolean() && !t.GetProperty("operational").GetBoolean()).ToList();
        Assert.Equal(5, examples.Count);
        foreach (var example in examples)
        {
            var real = (await client.GetOkAsync($"events?type={example.Str("name")}&limit=1")).GetProperty("data");
            Assert.True(real.GetArrayLength() == 1, $"No real {example.Str("name")} event was emitted.");
            AssertSameShape(real[0].GetProperty("data"), example.GetProperty("example_data"), example.Str("name"));
        }
    }

    /// <summary>The same keys in the same order at every level, and the same JSON kinds where the real event has a value.</summary>
    internal static void AssertSameShape(JsonElement real, JsonElement example, string path)
    {
        if (real.ValueKind == JsonValueKind.Null || example.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        Assert.True(real.ValueKind == example.ValueKind, $"{path}: a real event has {real.ValueKind}, the example {example.ValueKind}.");
        if (real.ValueKind == JsonValueKind.Object && !path.EndsWith(".attributes", StringComparison.Ordinal) && !path.EndsWith(".previous", StringComparison.Ordinal))
        {
            Assert.Equal(real.EnumerateObject().Select(p => $"{path}.{p.Name}"), example.EnumerateObject().Select(p => $"{path}.{p.Name}"));
            foreach (var property in real.EnumerateObject())
            {
                AssertSameShape(property.Value, example.GetProperty(property.Name), $"{path}.{property.Name}");
            }
        }
        else if (real.ValueKind == JsonValueKind.Array && real.GetArrayLength() > 0 && example.GetArrayLength() > 0)
        {
            AssertSameShape(real[0], example[0], path + "[0]");
        }
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
