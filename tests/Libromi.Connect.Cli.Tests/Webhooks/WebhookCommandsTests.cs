using Libromi.Connect.Cli.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Cli.Tests.Webhooks;

public sealed class WebhookCommandsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_webhook_created_from_the_command_line_can_be_read_changed_tested_and_deleted()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var created = (await CliRunner.RunOkAsync(fixture.Server, "webhooks", "create", "--url", receiver.Url.ToString(),
            "--events", "contact.created,contact.updated", "--description", "from the CLI", "-o", "json")).Json;
        var id = created.GetProperty("id").GetString()!;
        Assert.StartsWith("whsec_", created.GetProperty("secret").GetString(), StringComparison.Ordinal);

        var shown = await CliRunner.RunOkAsync(fixture.Server, "webhooks", "get", id);
        Assert.Contains($"url: {receiver.Url}", shown.Output, StringComparison.Ordinal);
        Assert.Contains("events: contact.created,contact.updated", shown.Output, StringComparison.Ordinal);

        var updated = (await CliRunner.RunOkAsync(fixture.Server, "webhooks", "update", id, "--events", "*", "--enabled", "false", "-o", "json")).Json;
        Assert.Equal(["*"], updated.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.False(updated.GetProperty("enabled").GetBoolean());

        var rotated = (await CliRunner.RunOkAsync(fixture.Server, "webhooks", "rotate-secret", id, "-o", "json")).Json;
        Assert.NotEqual(created.GetProperty("secret").GetString(), rotated.GetProperty("secret").GetString());

        await CliRunner.RunOkAsync(fixture.Server, "webhooks", "update", id, "--enabled", "true");
        var test = (await CliRunner.RunOkAsync(fixture.Server, "webhooks", "test", id, "-o", "json")).Json;
        Assert.Equal("webhook.test", (await receiver.NextAsync()).Json.GetProperty("type").GetString());
        var delivery = await fixture.Server.WaitForDeliveriesAsync(
            () => CliRunner.RunOkAsync(fixture.Server, "deliveries", "get", test.GetProperty("delivery_id").GetString()!, "-o", "json"),
            r => r.Json.GetProperty("status").GetString() == "succeeded");
        Assert.Equal(200, delivery.Json.GetProperty("attempts")[0].GetProperty("status_code").GetInt32());

        var listed = await CliRunner.RunOkAsync(fixture.Server, "deliveries", "list", "--webhook", id, "--status", "succeeded");
        Assert.Contains(test.GetProperty("delivery_id").GetString()!, listed.Output, StringComparison.Ordinal);

        await CliRunner.RunOkAsync(fixture.Server, "webhooks", "delete", id);
        var gone = await CliRunner.RunAsync(["webhooks", "get", id, .. CliRunner.For(fixture.Server)]);
        Assert.Equal(1, gone.ExitCode);
        Assert.StartsWith("Error: 404 ", gone.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_secret_command_prints_the_signing_secret_that_get_and_list_leave_out()
    {
        var created = (await CliRunner.RunOkAsync(fixture.Server, "webhooks", "create", "--url", "https://example.com/webhook", "--events", "*", "-o", "json")).Json;
        var id = created.GetProperty("id").GetString()!;
        var secret = created.GetProperty("secret").GetString()!;

        var shown = await CliRunner.RunOkAsync(fixture.Server, "webhooks", "get", id);
        var shownJson = (await CliRunner.RunOkAsync(fixture.Server, "webhooks", "get", id, "-o", "json")).Json;
        var listed = await CliRunner.RunOkAsync(fixture.Server, "webhooks", "list", "-o", "json");
        var printed = await CliRunner.RunOkAsync(fixture.Server, "webhooks", "secret", id);

        Assert.DoesNotContain(secret, shown.Output + listed.Output, StringComparison.Ordinal);
        Assert.False(shownJson.TryGetProperty("secret", out _), shownJson.ToString());
        Assert.Contains($"secret: {secret}", printed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("previous", printed.Output, StringComparison.Ordinal);

        var rotated = (await CliRunner.RunOkAsync(fixture.Server, "webhooks", "rotate-secret", id, "-o", "json")).Json;
        var both = (await CliRunner.RunOkAsync(fixture.Server, "webhooks", "secret", id, "-o", "json")).Json;
        Assert.Equal(rotated.GetProperty("secret").GetString(), both.GetProperty("secret").GetString());
        Assert.Equal(secret, both.GetProperty("previous_secret").GetString());
        var text = await CliRunner.RunOkAsync(fixture.Server, "webhooks", "secret", id);
        Assert.Contains($"previous secret: {secret}", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ordering_and_rate_limit_are_set_shown_and_removed_from_the_command_line()
    {
        var created = (await CliRunner.RunOkAsync(fixture.Server, "webhooks", "create", "--url", "https://example.com/hook",
            "--events", "*", "--ordering", "contact", "--rate-limit", "12", "-o", "json")).Json;
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(("contact", 12), (created.GetProperty("ordering").GetString(), created.GetProperty("rate_limit").GetInt32()));

        var shown = await CliRunner.RunOkAsync(fixture.Server, "webhooks", "get", id);
        Assert.Contains("ordering: contact", shown.Output, StringComparison.Ordinal);
        Assert.Contains("rate limit: 12/s", shown.Output, StringComparison.Ordinal);

        var removed = (await CliRunner.RunOkAsync(fixture.Server, "webhooks", "update", id, "--rate-limit", "none", "--ordering", "none", "-o", "json")).Json;
        Assert.Equal(System.Text.Json.JsonValueKind.Null, removed.GetProperty("rate_limit").ValueKind);
        Assert.Equal("none", removed.GetProperty("ordering").GetString());

        var wrong = await CliRunner.RunAsync(["webhooks", "update", id, "--rate-limit", "fast", .. CliRunner.For(fixture.Server)]);
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("--rate-limit", wrong.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ed25519_signing_is_set_from_the_command_line_and_get_shows_it_with_the_public_key()
    {
        var created = (await CliRunner.RunOkAsync(fixture.Server, "webhooks", "create", "--url", "https://example.com/hook",
            "--events", "*", "--signing", "ed25519", "-o", "json")).Json;
        var id = created.GetProperty("id").GetString()!;
        var publicKey = created.GetProperty("public_key").GetString()!;
        Assert.StartsWith("whpk_", publicKey, StringComparison.Ordinal);

        var shown = await CliRunner.RunOkAsync(fixture.Server, "webhooks", "get", id);
        Assert.Contains("signing: ed25519", shown.Output, StringComparison.Ordinal);
        Assert.Contains($"public key: {publicKey}", shown.Output, StringComparison.Ordinal);

        var hmac = await CliRunner.RunOkAsync(fixture.Server, "webhooks", "update", id, "--signing", "hmac");
        Assert.Contains("signing: hmac", hmac.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("public key", hmac.Output, StringComparison.Ordinal);

        var wrong = await CliRunner.RunAsync(["webhooks", "update", id, "--signing", "rsa", .. CliRunner.For(fixture.Server)]);
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("--signing", wrong.ToString(), StringComparison.Ordinal);
    }
}
