using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>
/// OAuth2 and mutual TLS registered through the API, end to end: a real token endpoint that counts its requests, and a
/// real HTTPS receiver that requires a client certificate from a CA made in the test.
/// </summary>
public sealed class TokenAndCertificateDeliveryTests : IDisposable
{
    private const string ClientSecret = "client-secret-0123456789-OAUT";
    private static readonly Dictionary<string, string> JsonHeaders = new() { ["Content-Type"] = "application/json" };
    private readonly TestCertificates _certificates = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("libromi-e2e-mtls-").FullName;

    public void Dispose()
    {
        _certificates.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task An_oauth2_webhook_fetches_one_token_for_all_its_deliveries_and_sends_it_as_bearer()
    {
        await using var server = await TestServer.StartAsync();
        await using var tokens = await TestReceiver.StartAsync("/oauth/token");
        tokens.Respond = _ => Task.FromResult(new ReceiverResponse(200, Body: """{"access_token":"tok-e2e","token_type":"Bearer","expires_in":3600}""", Headers: JsonHeaders));
        await using var receiver = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        await client.PostOkAsync("webhooks", new
        {
            url = receiver.Url.ToString(),
            events = new[] { "contact.created" },
            auth = new { type = "oauth2", token_url = tokens.Url.ToString(), client_id = "libromi", client_secret = ClientSecret, scope = "webhooks" },
        });

        for (var i = 0; i < 5; i++)
        {
            await client.CreateContactAsync($"Ada {i}", $"+1555000810{i}");
        }
        var received = await receiver.WaitForCountAsync(5);

        Assert.All(received, r => Assert.Equal("Bearer tok-e2e", r.Header("Authorization")));
        var tokenRequest = Assert.Single(tokens.Received);
        Assert.Equal("grant_type=client_credentials&scope=webhooks", tokenRequest.BodyText);
    }

    [Fact]
    public async Task A_token_endpoint_that_refuses_the_client_fails_the_attempt_as_auth_token_error_and_sends_nothing()
    {
        await using var server = await TestServer.StartAsync();
        await using var tokens = await TestReceiver.StartAsync("/oauth/token");
        tokens.Respond = _ => Task.FromResult(new ReceiverResponse(401, Body: """{"error":"invalid_client"}""", Headers: JsonHeaders));
        await using var receiver = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        var webhook = await client.PostOkAsync("webhooks", new
        {
            url = receiver.Url.ToString(),
            events = new[] { "contact.created" },
            auth = new { type = "oauth2", token_url = tokens.Url.ToString(), client_id = "libromi", client_secret = ClientSecret },
        });

        await client.CreateContactAsync("Ada", "+15550008110");
        var delivery = await server.WaitForDeliveryAsync(client, await server.OnlyDeliveryIdAsync(client, webhook.Str("id")), d => d.GetProperty("attempts").GetArrayLength() > 0);

        var attempt = delivery.GetProperty("attempts")[0];
        Assert.Equal("auth_token_error", attempt.Str("error_kind"));
        Assert.Contains("invalid_client", attempt.Str("error"), StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, delivery.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task An_mtls_webhook_presents_its_certificate_to_a_receiver_that_requires_one_and_without_it_is_refused()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Delivery:TrustedCertificateAuthorities"] = _certificates.WriteAuthorityPem(_directory),
        });
        await using var receiver = await TlsReceiver.StartAsync(_certificates, _certificates.Server());
        using var client = server.CreateClient();
        var certificate = _certificates.Client("libromi-e2e");
        var mtls = await client.PostOkAsync("webhooks", new
        {
            url = receiver.Url.ToString(),
            events = new[] { "contact.created" },
            auth = new { type = "mtls", certificate = certificate.CertificatePem, private_key = certificate.PrivateKeyPem },
        });
        var bare = await client.PostOkAsync("webhooks", new { url = receiver.Url.ToString(), events = new[] { "contact.created" } });

        await client.CreateContactAsync("Ada", "+15550008120");
        await server.WaitForDeliveryAsync(client, await server.OnlyDeliveryIdAsync(client, mtls.Str("id")), d => d.Str("status") == "succeeded");
        var refused = await server.WaitForDeliveryAsync(client, await server.OnlyDeliveryIdAsync(client, bare.Str("id")), d => d.GetProperty("attempts").GetArrayLength() > 0);

        Assert.Equal([certificate.Certificate.Thumbprint], receiver.ClientCertificates);
        // Kestrel judges the certificate after the handshake, so the refusal arrives as a connection closed unanswered.
        Assert.Equal("response_truncated", refused.GetProperty("attempts")[0].Str("error_kind"));
    }
}
