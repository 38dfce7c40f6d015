using System.Net;
using System.Text.Json;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Webhooks;

public sealed class PrivateAddressTests(PublicOnlyServerFixture fixture) : IClassFixture<PublicOnlyServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Theory]
    [MemberData(nameof(InternalHosts.Spellings), MemberType = typeof(InternalHosts))]
    public async Task Every_spelling_of_an_internal_host_answers_422_when_private_networks_are_not_allowed(string host)
    {
        using var client = _server.CreateClient(await _server.CreateAccountAsync());

        var problem = (await client.PostAsync("webhooks", JsonSerializer.Serialize(new { url = $"http://{host}:8080/webhook", events = new[] { "*" } })))
            .AssertInvalidFields("url");

        Assert.Contains("AllowPrivateNetworks", problem.Error("url"), StringComparison.Ordinal);
        Assert.Empty(await client.AllAsync("webhooks"));
    }

    [Theory]
    [MemberData(nameof(InternalHosts.Spellings), MemberType = typeof(InternalHosts))]
    public async Task A_patch_to_any_spelling_of_an_internal_host_is_rejected_too(string host)
    {
        using var client = _server.CreateClient();
        var webhook = await client.WebhookAsync("https://example.com/webhook");

        (await client.PatchAsync($"webhooks/{webhook.Str("id")}", JsonSerializer.Serialize(new { url = $"https://{host}/webhook" }))).AssertInvalidFields("url");

        Assert.Equal("https://example.com/webhook", (await client.GetOkAsync($"webhooks/{webhook.Str("id")}")).Str("url"));
    }

    [Theory]
    [InlineData("https://example.com/webhook")]
    [InlineData("https://EXAMPLE.com./webhook")]
    [InlineData("https://exämple.com/webhook")]
    [InlineData("https://xn--exmple-cua.com/webhook")]
    [InlineData("https://localhost.example.com/webhook")]
    [InlineData("https://mylocalhost/webhook")]
    [InlineData("http://93.184.215.14/webhook")]
    [InlineData("http://９３.１８４.２１５.１４/webhook")]
    [InlineData("http://[2606:4700:4700::1111]/webhook")]
    [InlineData("http://[::ffff:93.184.215.14]/webhook")]
    public async Task Public_hosts_are_accepted_however_they_are_spelt(string url)
    {
        using var client = _server.CreateClient();

        var answer = await client.PostAsync("webhooks", JsonSerializer.Serialize(new { url, events = new[] { "*" } }));

        Assert.Equal(HttpStatusCode.Created, answer.Status);
    }

    [Theory]
    [InlineData("https://127.0.0.1/token")]
    [InlineData("https://169.254.169.254/latest/token")]
    [InlineData("https://localhost/token")]
    [InlineData("https://[::1]/token")]
    [InlineData("http://auth.example.com/token")]
    public async Task An_oauth2_token_url_to_an_internal_host_or_over_plain_http_answers_422_when_private_networks_are_not_allowed(string tokenUrl)
    {
        using var client = _server.CreateClient(await _server.CreateAccountAsync());
        var auth = new { type = "oauth2", token_url = tokenUrl, client_id = "libromi", client_secret = "s3cret" };

        (await client.PostAsync("webhooks", JsonSerializer.Serialize(new { url = "https://example.com/webhook", events = new[] { "*" }, auth }))).AssertInvalidFields("auth.token_url");

        Assert.Empty(await client.AllAsync("webhooks"));
    }
}
