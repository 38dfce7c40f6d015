using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Libromi.Connect.Client.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Client.Tests.Webhooks;

/// <summary>Custom headers and endpoint auth through the SDK: set, read as hints, kept by a round trip, removed.</summary>
public sealed class WebhookEndpointClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string ApiKey = "api-key-0123456789-SDK1";
    private const string Password = "pa55word-0123456789-SDK2";

    [Fact]
    public async Task Headers_and_basic_auth_set_by_the_sdk_reach_the_receiver_and_read_back_as_hints()
    {
        var client = await fixture.NewClientAsync();
        await using var receiver = await TestReceiver.StartAsync();

        var created = await client.Webhooks.CreateAsync(new()
        {
            Url = receiver.Url.ToString(),
            Events = ["contact.created"],
            Headers = new Dictionary<string, string> { ["X-Api-Key"] = ApiKey },
            Auth = new BasicWebhookAuth { Username = "libromi", Password = Password },
        });
        await client.Webhooks.TestAsync(created.Id);
        var request = await receiver.NextAsync();

        Assert.Equal(ApiKey, request.Header("X-Api-Key"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"libromi:{Password}")), request.Header("Authorization"));
        var read = await client.Webhooks.GetAsync(created.Id);
        Assert.Equal("…SDK1", read.Headers!["X-Api-Key"]);
        Assert.Equal(("basic", "libromi", "…SDK2"), (read.Auth!.Type, read.Auth.Username, read.Auth.Password));
    }

    [Fact]
    public async Task An_update_that_sends_back_the_hints_keeps_the_secrets_and_Remove_drops_them()
    {
        var client = await fixture.NewClientAsync();
        await using var receiver = await TestReceiver.StartAsync();
        var created = await client.Webhooks.CreateAsync(new()
        {
            Url = receiver.Url.ToString(),
            Events = ["contact.created"],
            Headers = new Dictionary<string, string> { ["X-Api-Key"] = ApiKey },
            Auth = new BearerWebhookAuth { Token = "token-0123456789-SDK3" },
        });
        var read = await client.Webhooks.GetAsync(created.Id);

        var kept = await client.Webhooks.UpdateAsync(created.Id, new() { Headers = read.Headers, Auth = new BearerWebhookAuth { Token = read.Auth!.Token! } });
        await client.Webhooks.TestAsync(created.Id);
        var request = await receiver.NextAsync();
        Assert.Equal((ApiKey, "Bearer token-0123456789-SDK3"), (request.Header("X-Api-Key"), request.Header("Authorization")));
        Assert.Equal(read.Auth, kept.Auth);

        var removed = await client.Webhooks.UpdateAsync(created.Id, new() { RemoveHeaders = true, RemoveAuth = true });
        Assert.Null(removed.Headers);
        Assert.Null(removed.Auth);
        await client.Webhooks.TestAsync(created.Id);
        Assert.False((await receiver.NextAsync()).Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task OAuth2_and_mtls_auth_read_back_their_public_fields()
    {
        var client = await fixture.NewClientAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=sdk-client", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(9));

        var oauth2 = await client.Webhooks.CreateAsync(new()
        {
            Url = "https://example.com/a",
            Events = ["*"],
            Auth = new OAuth2WebhookAuth { TokenUrl = "https://auth.example.com/token", ClientId = "libromi", ClientSecret = "client-secret-0123456789-SDK4", Scope = "hooks" },
        });
        var mtls = await client.Webhooks.CreateAsync(new()
        {
            Url = "https://example.com/b",
            Events = ["*"],
            Auth = new MtlsWebhookAuth { Certificate = certificate.ExportCertificatePem(), PrivateKey = key.ExportPkcs8PrivateKeyPem() },
        });

        Assert.Equal(("oauth2", "https://auth.example.com/token", "libromi", "…SDK4", "hooks"),
            (oauth2.Auth!.Type, oauth2.Auth.TokenUrl, oauth2.Auth.ClientId, oauth2.Auth.ClientSecret, oauth2.Auth.Scope));
        Assert.Equal(("mtls", "…", "CN=sdk-client"), (mtls.Auth!.Type, mtls.Auth.PrivateKey, mtls.Auth.CertificateSubject));
        Assert.Equal(Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256)), mtls.Auth.CertificateSha256);
        var error = await Assert.ThrowsAsync<LibromiApiException>(() => client.Webhooks.UpdateAsync(mtls.Id, new() { Url = "http://example.com/b" }));
        Assert.Equal(422, error.Status);
        Assert.Contains("url", error.Errors.Keys);
    }
}
