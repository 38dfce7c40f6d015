using System.Net;
using System.Text.Json;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Webhooks;

public sealed class PrivateAddressTests(PublicOnlyServerFixture fixture) : IClassFixture<PublicOnlyServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Theory]
    [InlineData("http://127.0.0.1/webhook")]
    [InlineData("http://127.1.2.3:8080/webhook")]
    [InlineData("http://10.0.0.1/webhook")]
    [InlineData("http://192.168.1.10/webhook")]
    [InlineData("http://172.16.0.5/webhook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/webhook")]
    [InlineData("http://[::ffff:127.0.0.1]/webhook")]
    [InlineData("http://[fe80::1]/webhook")]
    [InlineData("http://localhost/webhook")]
    [InlineData("http://0.0.0.0/webhook")]
    public async Task Literal_internal_addresses_answer_422_when_private_networks_are_not_allowed(string url)
    {
        using var client = _server.CreateClient();

        var problem = (await client.PostAsync("webhooks", JsonSerializer.Serialize(new { url, events = new[] { "*" } }))).AssertInvalidFields("url");

        Assert.Contains("AllowPrivateNetworks", problem.Error("url"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_patch_to_an_internal_address_is_rejected_too()
    {
        using var client = _server.CreateClient();
        var webhook = await client.WebhookAsync("https://example.com/webhook");

        (await client.PatchAsync($"webhooks/{webhook.Str("id")}", """{"url":"http://10.0.0.1/webhook"}""")).AssertInvalidFields("url");

        Assert.Equal("https://example.com/webhook", (await client.GetOkAsync($"webhooks/{webhook.Str("id")}")).Str("url"));
    }

    [Theory]
    [InlineData("https://example.com/webhook")]
    [InlineData("http://93.184.215.14/webhook")]
    public async Task Public_addresses_are_accepted(string url)
    {
        using var client = _server.CreateClient();

        var answer = await client.PostAsync("webhooks", JsonSerializer.Serialize(new { url, events = new[] { "*" } }));

        Assert.Equal(HttpStatusCode.Created, answer.Status);
    }
}
