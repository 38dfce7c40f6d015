using Libromi.Connect.Cli.Tests.Support;

namespace Libromi.Connect.Cli.Tests.Account;

public sealed class AccountCommandsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_region_set_from_the_command_line_reads_national_numbers_and_none_removes_it()
    {
        var refused = await CliRunner.RunAsync("--api-url", fixture.Server.BaseAddress.ToString(), "--api-key", fixture.Server.ApiKey,
            "contacts", "create", "--name", "Ada", "--phone", "07700 900123");
        var set = await CliRunner.RunOkAsync(fixture.Server, "account", "set-region", "gb");
        var created = await CliRunner.RunOkAsync(fixture.Server, "contacts", "create", "--name", "Ada", "--phone", "07700 900123");
        var cleared = await CliRunner.RunOkAsync(fixture.Server, "account", "set-region", "none");
        var shown = await CliRunner.RunOkAsync(fixture.Server, "account", "get");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("international format", refused.Error, StringComparison.Ordinal);
        Assert.Contains("default region: GB", set.Output, StringComparison.Ordinal);
        Assert.Contains("+447700900123", created.Output, StringComparison.Ordinal);
        Assert.Contains("+44 7700 900123", created.Output, StringComparison.Ordinal);
        Assert.Contains("default region: none", cleared.Output, StringComparison.Ordinal);
        Assert.Contains("default region: none", shown.Output, StringComparison.Ordinal);
    }
}
