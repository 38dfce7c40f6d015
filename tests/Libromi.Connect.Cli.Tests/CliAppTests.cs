using Libromi.Connect.Cli.Tests.Support;

namespace Libromi.Connect.Cli.Tests;

/// <summary>What every command shares: exit codes, readable problems, global options.</summary>
public sealed class CliAppTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_wrong_api_key_exits_non_zero_with_the_problem_and_a_hint()
    {
        var result = await CliRunner.RunAsync("contacts", "list", "--api-url", fixture.Server.BaseAddress.ToString(), "--api-key", "lbr_wrong");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error: 401 ", result.Error, StringComparison.Ordinal);
        Assert.Contains("--api-key", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task Invalid_fields_are_printed_one_per_line_with_the_field_name()
    {
        var result = await CliRunner.RunAsync(["webhooks", "create", "--url", "not a url", "--events", "contact.exploded", .. CliRunner.For(fixture.Server)]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error: 422 ", result.Error, StringComparison.Ordinal);
        Assert.Contains("  - url: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("  - events[0]: ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("trigger", "contact.exploded")]
    [InlineData("webhooks", "create", "--events", "contact.created")]
    [InlineData("listen", "--forward-to", "ftp://localhost/webhook")]
    [InlineData("contacts", "list", "--limit", "0")]
    [InlineData("events", "list", "--api-url", "localhost")]
    [InlineData("nonsense")]
    public async Task Bad_arguments_exit_non_zero_with_a_message_and_call_no_server(params string[] args)
    {
        var result = await CliRunner.RunAsync([.. args, "--api-key", "lbr_unused"]);

        Assert.Equal(1, result.ExitCode);
        Assert.NotEqual("", result.Error.Trim());
        Assert.DoesNotContain("Error: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_is_the_api_json_and_parses()
    {
        await CliRunner.RunOkAsync(fixture.Server, "contacts", "create", "--name", "Grace", "--phone", "+15550000301");

        var result = await CliRunner.RunOkAsync(fixture.Server, "contacts", "list", "--output", "json");

        var contact = Assert.Single(result.Json.EnumerateArray(), c => c.GetProperty("phone").GetString() == "+15550000301");
        Assert.Equal("Grace", contact.GetProperty("name").GetString());
        Assert.StartsWith("con_", contact.GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirected_table_output_is_plain_tab_separated_text()
    {
        await CliRunner.RunOkAsync(fixture.Server, "contacts", "create", "--name", "Linus", "--phone", "+15550000302");

        var result = await CliRunner.RunOkAsync(fixture.Server, "contacts", "list");

        var lines = result.Output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("ID\tNAME\tPHONE\tEMAIL\tCREATED", lines[0]);
        Assert.Contains(lines, l => l.Split('\t') is [_, "Linus", "+15550000302", "", _]);
        Assert.DoesNotContain('\u001b', result.Output);
    }
}
