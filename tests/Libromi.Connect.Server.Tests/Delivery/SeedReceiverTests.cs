using System.Text.Json;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>The receiver code from the public docs, unchanged, under real Node, verifies what we send.</summary>
public sealed class SeedReceiverTests
{
    public static TheoryData<string, string> AwkwardText => new()
    {
        { "Zoë 👩🏽‍💻 Ωmega", "café ☕ — “quotes” ‘single’ « guillemets »" },
        { "<script>alert('x')</script> & \"quoted\"", "line\u2028separator and paragraph\u2029separator" },
        { "tab\there", "control \u0001\u0007\u001f chars, DEL \u007f, NEL \u0085, BOM \ufeff" },
        { "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 astral 🀄", "backslash \\ slash / newline\nreturn\r" },
    };

    [Theory]
    [MemberData(nameof(AwkwardText))]
    public async Task The_seeds_express_handler_verifies_every_delivery_whatever_users_write(string name, string content)
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.CreateClient();
        var (_, secret) = await client.CreateWebhookAsync(new Uri("http://127.0.0.1:1/placeholder"), "contact.created", "message.received");
        await using var node = await NodeServer.StartAsync("seed-receiver.js", secret);
        var webhookId = (await client.GetOkAsync("webhooks")).GetProperty("data")[0].Str("id");
        await client.SendJsonAsync(HttpMethod.Patch, $"webhooks/{webhookId}", new { url = $"http://127.0.0.1:{node.Port}/webhook" });

        var attributes = new Dictionary<string, object?>
        {
            ["10"] = "integer-like key", ["2"] = "sorted before text keys by JavaScript", ["plan"] = name,
            ["big"] = 1e21, ["small"] = 1e-7, ["negative_zero"] = -0.0, ["nested"] = new object[] { new { deep = new[] { 1.5, 2.0 } } },
        };
        await client.CreateContactAsync(name, "+15550001111", attributes);
        await client.PostOkAsync("inbound/messages", new { from = "+15550001111", content });

        var lines = new[] { await node.NextLineAsync(TimeSpan.FromSeconds(30)), await node.NextLineAsync(TimeSpan.FromSeconds(30)) }
            .Select(l => JsonDocument.Parse(l).RootElement).OrderBy(l => l.Str("type")).ToArray();
        Assert.All(lines, l => Assert.True(l.GetProperty("verified").GetBoolean(), l.ToString()));
        Assert.Equal(name, lines[0].GetProperty("summary").Str("name"));
        Assert.Equal("integer-like key", lines[0].GetProperty("summary").GetProperty("attributes").Str("10"));
        Assert.Equal(content, lines[1].GetProperty("summary").Str("content"));
        Assert.Equal(name, lines[1].GetProperty("summary").Str("from"));
    }
}
