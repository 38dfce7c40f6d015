using Libromi.Connect.Cli.Tests.Support;

namespace Libromi.Connect.Cli.Tests.ApiKeys;

public sealed class ApiKeyCommandsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_key_created_from_the_command_line_is_printed_once_listed_by_prefix_and_revoked()
    {
        var created = await CliRunner.RunOkAsync(fixture.Server, "api-keys", "create", "--name", "Nightly export", "--scope", "read");
        var key = created.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("key: ", StringComparison.Ordinal))["key: ".Length..];
        var id = created.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("id: ", StringComparison.Ordinal))["id: ".Length..];

        var listed = await CliRunner.RunOkAsync(fixture.Server, "api-keys", "list");
        var readWorks = await CliRunner.RunAsync("--api-url", fixture.Server.BaseAddress.ToString(), "--api-key", key, "contacts", "list");
        var revoked = await CliRunner.RunOkAsync(fixture.Server, "api-keys", "revoke", id);
        var refused = await CliRunner.RunAsync("--api-url", fixture.Server.BaseAddress.ToString(), "--api-key", key, "contacts", "list");

        Assert.Contains("Store the key now", created.Error, StringComparison.Ordinal);
        Assert.Contains(key[..8], listed.Output, StringComparison.Ordinal);
        Assert.Contains("Nightly export", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed.Output, StringComparison.Ordinal);
        Assert.Equal(0, readWorks.ExitCode);
        Assert.Contains($"Revoked API key {id}.", revoked.Output, StringComparison.Ordinal);
        Assert.Equal(1, refused.ExitCode);
    }

    [Fact]
    public async Task An_unknown_scope_is_refused_before_any_request()
    {
        var result = await CliRunner.RunAsync([.. CliRunner.For(fixture.Server), "api-keys", "create", "--name", "X", "--scope", "admin"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("admin", result.Error, StringComparison.Ordinal);
    }
}
