using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Testing;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Tests.Accounts;

/// <summary><c>LIBROMI_API_KEY</c> and <c>Admin:ApiKey</c> must look like keys, or the server does not start.</summary>
public sealed class BootstrapKeyTests
{
    [Fact]
    public async Task A_LIBROMI_API_KEY_shorter_than_24_characters_stops_the_server_at_start_naming_the_variable_and_the_rule()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestServer.StartAsync(new Dictionary<string, string?> { ["LIBROMI_API_KEY"] = "lbk_my_local_key" }));

        var message = Assert.Single(failure.Failures);
        Assert.Contains("LIBROMI_API_KEY must be at least 24 characters long (it has 16)", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_process_prints_one_line_and_exits_with_code_1()
    {
        var (exitCode, output) = await ServerProcess.RunToExitAsync(new Dictionary<string, string>
        {
            ["LIBROMI_API_KEY"] = "short",
            ["Storage:ConnectionString"] = "Data Source=" + Path.Combine(Path.GetTempPath(), "libromi-tests", Guid.NewGuid().ToString("N") + ".db"),
        });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("Libromi Connect cannot start: LIBROMI_API_KEY must be at least 24 characters long (it has 5)", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("too_short_for_an_admin")]
    [InlineData(null)]
    public async Task Admin_ApiKey_must_be_as_long_and_differ_from_the_account_key(string? value)
    {
        var accountKey = ApiKeys.NewKey();
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["LIBROMI_API_KEY"] = accountKey,
            ["Admin:ApiKey"] = value ?? accountKey,
        }));

        Assert.Contains(value is null ? "Admin:ApiKey must differ from LIBROMI_API_KEY" : "Admin:ApiKey must be at least 24 characters long", Assert.Single(failure.Failures), StringComparison.Ordinal);
    }
}
