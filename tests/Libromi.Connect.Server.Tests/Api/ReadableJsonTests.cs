using System.Text;
using System.Text.Json;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Api;

/// <summary>
/// API answers are UTF-8 JSON escaped only where JSON requires it, as Node's <c>JSON.stringify</c> writes it: a name
/// comes back from <c>curl</c> as it was typed, emoji included, and not as <c>\uD83D\uDE00</c>.
/// </summary>
public sealed class ReadableJsonTests
{
    private static readonly string[] Names =
    [
        "Zoë 😀",
        "Ωμέγα · 東京 · عربى · हिन्दी · 👩🏽‍💻",
        "\"quoted\" back\\slash tab\t new\nline \u0001 \u007f",
        "<script>&amp;'</script>",
        "line\u2028separator",
    ];

    [Fact]
    public async Task Non_ASCII_names_round_trip_through_the_API_byte_for_byte_as_JSON_stringify_writes_them()
    {
        await using var server = await TestServer.StartAsync();
        using var api = server.CreateClient();
        var expected = await StringifyAsync(Names);

        for (var i = 0; i < Names.Length; i++)
        {
            var create = new StringContent(JsonSerializer.Serialize(new { name = Names[i], phone = $"+4477009001{i:00}" }), Encoding.UTF8, "application/json");
            using var created = await api.PostAsync("contacts", create);
            var id = JsonDocument.Parse(await created.Content.ReadAsByteArrayAsync()).RootElement.GetProperty("id").GetString();
            using var read = await api.GetAsync($"contacts/{id}");
            var bytes = await read.Content.ReadAsByteArrayAsync();

            Assert.Equal("application/json; charset=utf-8", read.Content.Headers.ContentType!.ToString());
            Assert.Equal("application/json; charset=utf-8", created.Content.Headers.ContentType!.ToString());
            Assert.Contains("\"name\":" + expected[i] + ",", Encoding.UTF8.GetString(bytes));
            Assert.Equal(Names[i], JsonDocument.Parse(bytes).RootElement.GetProperty("name").GetString());
        }
    }

    [Fact]
    public async Task Event_bodies_lists_and_problems_are_readable_UTF_8_too()
    {
        await using var server = await TestServer.StartAsync();
        using var api = server.CreateClient();
        await api.PostOkAsync("contacts", new { name = "Zoë 😀", phone = "+447700900123" });

        using var events = await api.GetAsync("events");
        using var contacts = await api.GetAsync("contacts");
        using var problem = await api.GetAsync("events?type=" + Uri.EscapeDataString("chat😀"));
        var problemText = await problem.Content.ReadAsStringAsync();

        Assert.Contains("\"name\":\"Zoë 😀\"", await events.Content.ReadAsStringAsync());
        Assert.Equal("application/json; charset=utf-8", events.Content.Headers.ContentType!.ToString());
        Assert.Contains("\"name\":\"Zoë 😀\"", await contacts.Content.ReadAsStringAsync());
        Assert.Equal(422, (int)problem.StatusCode);
        Assert.StartsWith("application/problem+json", problem.Content.Headers.ContentType!.ToString());
        Assert.Contains("'chat😀' is not an event type", problemText);
        Assert.DoesNotContain("\\u", problemText);
        Assert.Equal("nosniff", Assert.Single(problem.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("nosniff", Assert.Single(contacts.Headers.GetValues("X-Content-Type-Options")));
    }

    /// <summary>What Node's <c>JSON.stringify</c> writes for each string, one per line.</summary>
    private static async Task<string[]> StringifyAsync(string[] values)
    {
        var result = await NodeEnvironment.RunScriptAsync(
            "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{for(const v of JSON.parse(s))process.stdout.write(JSON.stringify(v)+'\\n')})",
            JsonSerializer.Serialize(values), TimeSpan.FromSeconds(30));
        return result.EnsureSuccess().StandardOutput.TrimEnd('\n').Split('\n');
    }
}
