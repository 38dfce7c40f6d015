using System.Text.Json;
using Libromi.Connect.Cli.Tests.Support;

namespace Libromi.Connect.Cli.Tests.Webhooks;

/// <summary><c>--filter</c> on create and update, the filter in <c>webhooks get</c>, and <c>webhooks filter-test</c>.</summary>
public sealed class WebhookFilterCommandsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Gold = """{"data.contact.attributes.plan":{"$in":["gold","pro"]}}""";

    [Fact]
    public async Task A_filter_is_set_shown_changed_and_removed_from_the_command_line()
    {
        var created = (await CliRunner.RunOkAsync(fixture.Server, "webhooks", "create", "--url", "https://example.com/hook",
            "--events", "*", "--filter", Gold, "-o", "json")).Json;
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(Gold, Compact(created.GetProperty("filter")));

        var shown = await CliRunner.RunOkAsync(fixture.Server, "webhooks", "get", id);
        Assert.Contains($"filter: {Gold}", shown.Output, StringComparison.Ordinal);

        var changed = (await CliRunner.RunOkAsync(fixture.Server, "webhooks", "update", id, "--filter", """{"type":"message.sent"}""", "-o", "json")).Json;
        Assert.Equal("""{"type":"message.sent"}""", Compact(changed.GetProperty("filter")));

        var removed = (await CliRunner.RunOkAsync(fixture.Server, "webhooks", "update", id, "--filter", "none", "-o", "json")).Json;
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("filter").ValueKind);
        Assert.Contains("filter: none", (await CliRunner.RunOkAsync(fixture.Server, "webhooks", "get", id)).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filter_that_is_not_a_json_object_or_that_the_server_refuses_fails_naming_it()
    {
        var notJson = await CliRunner.RunAsync(["webhooks", "create", "--url", "https://example.com/hook", "--events", "*", "--filter", "plan=gold", .. CliRunner.For(fixture.Server)]);
        var refused = await CliRunner.RunAsync(["webhooks", "create", "--url", "https://example.com/hook", "--events", "*", "--filter", """{"data.x":{"$regex":"a"}}""", .. CliRunner.For(fixture.Server)]);

        Assert.NotEqual(0, notJson.ExitCode);
        Assert.Contains("--filter", notJson.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("filter.data.x.$regex", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filter_test_explains_an_event_from_a_file_and_tests_a_stored_event_by_id()
    {
        var id = (await CliRunner.RunOkAsync(fixture.Server, "webhooks", "create", "--url", "https://example.com/hook",
            "--events", "contact.created", "--filter", Gold, "-o", "json")).Json.GetProperty("id").GetString()!;
        await fixture.Client.Contacts.CreateAsync(new() { Name = "Ada", Phone = "+15550108001", Attributes = new() { ["plan"] = "pro" } });
        var stored = await fixture.Client.Events.ListAsync(type: "contact.created").FirstAsync();
        var file = Path.Combine(fixture.Server.Directory, "free.json");
        await File.WriteAllTextAsync(file, """{"type":"contact.created","data":{"contact":{"attributes":{"plan":"free"}}}}""");

        var fromFile = await CliRunner.RunOkAsync(fixture.Server, "webhooks", "filter-test", id, "--event-file", file);
        var byId = (await CliRunner.RunOkAsync(fixture.Server, "webhooks", "filter-test", id, "--event-id", stored.Id, "-o", "json")).Json;
        var neither = await CliRunner.RunAsync(["webhooks", "filter-test", id, .. CliRunner.For(fixture.Server)]);

        Assert.Contains("matches: no", fromFile.Output, StringComparison.Ordinal);
        Assert.Contains("- data.contact.attributes.plan is \"free\", not one of [\"gold\",\"pro\"]", fromFile.Output, StringComparison.Ordinal);
        Assert.True(byId.GetProperty("matches").GetBoolean());
        Assert.True(byId.GetProperty("subscribed").GetBoolean());
        Assert.NotEqual(0, neither.ExitCode);
        Assert.Contains("--event-id", neither.ToString(), StringComparison.Ordinal);
    }

    // -o json is indented; the filter's own JSON is compact.
    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);
}
