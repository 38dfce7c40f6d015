using System.Text;
using Libromi.Connect.Cli.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Cli.Tests.Webhooks;

/// <summary><c>--header</c> and <c>--auth</c> on <c>webhooks create</c> and <c>update</c>, and the hints <c>webhooks get</c> shows.</summary>
public sealed class WebhookEndpointCommandsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string ApiKey = "api-key-0123456789-CLI1";
    private const string Password = "pa55word-0123456789-CLI2";

    [Fact]
    public async Task Headers_and_a_password_read_from_a_file_reach_the_receiver_and_get_shows_only_hints()
    {
        await using var receiver = await TestReceiver.StartAsync();
        var passwordFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(passwordFile, Password + "\n");
        try
        {
            var created = (await CliRunner.RunOkAsync(fixture.Server, "webhooks", "create", "--url", receiver.Url.ToString(), "--events", "*",
                "--header", $"X-Api-Key={ApiKey}", "--header", "X-Tenant=acme", "--auth", "basic", "--auth-username", "libromi", "--auth-password", "@" + passwordFile, "-o", "json")).Json;
            var id = created.GetProperty("id").GetString()!;
            await CliRunner.RunOkAsync(fixture.Server, "webhooks", "test", id);
            var request = await receiver.NextAsync();

            Assert.Equal((ApiKey, "acme"), (request.Header("X-Api-Key"), request.Header("X-Tenant")));
            Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"libromi:{Password}")), request.Header("Authorization"));
            var shown = await CliRunner.RunOkAsync(fixture.Server, "webhooks", "get", id);
            Assert.Contains("headers: X-Api-Key: …CLI1, X-Tenant: …", shown.Output, StringComparison.Ordinal);
            Assert.Contains("auth: basic (username libromi, password …CLI2)", shown.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(ApiKey, shown.Output + created, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, shown.Output + created, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    [Fact]
    public async Task Update_switches_to_a_bearer_token_and_none_removes_the_headers_and_the_auth()
    {
        var id = (await CliRunner.RunOkAsync(fixture.Server, "webhooks", "create", "--url", "https://example.com/a", "--events", "*", "--header", $"X-Api-Key={ApiKey}", "-o", "json"))
            .Json.GetProperty("id").GetString()!;

        var bearer = await CliRunner.RunOkAsync(fixture.Server, "webhooks", "update", id, "--auth", "bearer", "--auth-token", "token-0123456789-CLI3");
        Assert.Contains("auth: bearer (token …CLI3)", bearer.Output, StringComparison.Ordinal);
        Assert.Contains("headers: X-Api-Key: …CLI1", bearer.Output, StringComparison.Ordinal);

        var removed = await CliRunner.RunOkAsync(fixture.Server, "webhooks", "update", id, "--headers", "none", "--auth", "none");
        Assert.Contains("headers: none", removed.Output, StringComparison.Ordinal);
        Assert.Contains("auth: none", removed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_auth_option_or_a_refused_header_is_an_error_naming_it()
    {
        var missing = await CliRunner.RunAsync(["webhooks", "create", "--url", "https://example.com/a", "--events", "*", "--auth", "bearer", .. CliRunner.For(fixture.Server)]);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("--auth-token", missing.Error, StringComparison.Ordinal);

        var refused = await CliRunner.RunAsync(["webhooks", "create", "--url", "https://example.com/a", "--events", "*", "--header", "Host=evil", .. CliRunner.For(fixture.Server)]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("headers.Host", refused.Error, StringComparison.Ordinal);
    }
}
