using System.Net;
using System.Text.Json;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Webhooks;

/// <summary>The <c>auth</c> field as a user sets and reads it: each type's checks, and secrets that reads never answer.</summary>
public sealed class WebhookAuthTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Password = "pa55word-0123456789-wxyz";
    private const string Token = "tok-0123456789-ABCD";
    private const string ClientSecret = "client-secret-0123456789-QRST";

    [Fact]
    public async Task Each_auth_type_reads_back_its_public_fields_and_a_hint_for_its_secret()
    {
        var client = await fixture.NewTenantAsync();
        var (certificate, key) = SelfSignedCertificates.Create("CN=reads-back");

        var basic = await CreateAsync(client, new { type = "basic", username = "ada", password = Password });
        var bearer = await CreateAsync(client, new { type = "bearer", token = Token });
        var oauth2 = await CreateAsync(client, new { type = "oauth2", token_url = "https://auth.example.com/token", client_id = "libromi", client_secret = ClientSecret, scope = "webhooks:write read" });
        var mtls = await CreateAsync(client, new { type = "mtls", certificate, private_key = key });

        Assert.Equal("""{"type":"basic","username":"ada","password":"…wxyz"}""", basic.GetProperty("auth").GetRawText());
        Assert.Equal("""{"type":"bearer","token":"…ABCD"}""", bearer.GetProperty("auth").GetRawText());
        Assert.Equal("""{"type":"oauth2","token_url":"https://auth.example.com/token","client_id":"libromi","client_secret":"…QRST","scope":"webhooks:write read"}""",
            oauth2.GetProperty("auth").GetRawText());
        var read = (await client.GetOkAsync($"webhooks/{mtls.Str("id")}")).GetProperty("auth");
        Assert.Equal("mtls", read.Str("type"));
        Assert.Equal(certificate.Trim(), read.Str("certificate").Trim());
        Assert.Equal("…", read.Str("private_key"));
        Assert.Equal("CN=reads-back", read.Str("certificate_subject"));
        Assert.Equal(64, read.Str("certificate_sha256").Length);
        Assert.True(read.GetProperty("certificate_expires_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(29));
        var everything = JsonSerializer.Serialize(await client.AllAsync("webhooks"));
        foreach (var secret in new[] { Password, Token, ClientSecret, "PRIVATE KEY" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""{"type":"digest"}""", "auth.type")]
    [InlineData("""{"username":"u","password":"p"}""", "auth.type")]
    [InlineData("""{"type":"basic","password":"p"}""", "auth.username")]
    [InlineData("""{"type":"basic","username":"a:b","password":"p"}""", "auth.username")]
    [InlineData("""{"type":"basic","username":"a\r\nb","password":"p"}""", "auth.username")]
    [InlineData("""{"type":"basic","username":"u"}""", "auth.password")]
    [InlineData("""{"type":"basic","username":"u","password":"…"}""", "auth.password")]
    [InlineData("""{"type":"basic","username":"u","password":"p","token":"t"}""", "auth.token")]
    [InlineData("""{"type":"bearer"}""", "auth.token")]
    [InlineData("""{"type":"bearer","token":"has space"}""", "auth.token")]
    [InlineData("""{"type":"bearer","token":"line\nbreak"}""", "auth.token")]
    [InlineData("""{"type":"bearer","token":"=abc"}""", "auth.token")]
    [InlineData("""{"type":"oauth2","client_id":"c","client_secret":"s"}""", "auth.token_url")]
    [InlineData("""{"type":"oauth2","token_url":"ftp://auth.example.com/token","client_id":"c","client_secret":"s"}""", "auth.token_url")]
    [InlineData("""{"type":"oauth2","token_url":"/token","client_id":"c","client_secret":"s"}""", "auth.token_url")]
    [InlineData("""{"type":"oauth2","token_url":"https://u:p@auth.example.com/token","client_id":"c","client_secret":"s"}""", "auth.token_url")]
    [InlineData("""{"type":"oauth2","token_url":"https://auth.example.com/token#x","client_id":"c","client_secret":"s"}""", "auth.token_url")]
    [InlineData("""{"type":"oauth2","token_url":"https://auth.example.com/token","client_secret":"s"}""", "auth.client_id")]
    [InlineData("""{"type":"oauth2","token_url":"https://auth.example.com/token","client_id":"c"}""", "auth.client_secret")]
    [InlineData("""{"type":"oauth2","token_url":"https://auth.example.com/token","client_id":"c","client_secret":"s","scope":"a  b"}""", "auth.scope")]
    [InlineData("""{"type":"oauth2","token_url":"https://auth.example.com/token","client_id":"c","client_secret":"s","scope":"a\"b"}""", "auth.scope")]
    public async Task Each_wrong_auth_field_answers_422_naming_it_and_creates_nothing(string auth, string field)
    {
        var client = await fixture.NewTenantAsync();

        var problem = (await client.PostAsync("webhooks", $$"""{"url":"https://example.com/a","events":["*"],"auth":{{auth}}}""")).AssertInvalidFields(field);

        Assert.Contains($"'{field}'", problem.Error(field), StringComparison.Ordinal);
        Assert.Empty(await client.AllAsync("webhooks"));
    }

    [Fact]
    public async Task An_unknown_auth_type_is_answered_with_the_four_there_are()
    {
        var client = await fixture.NewTenantAsync();

        var problem = (await client.PostAsync("webhooks", """{"url":"https://example.com/a","events":["*"],"auth":{"type":"hmac"}}""")).AssertInvalidFields("auth.type");

        Assert.Contains("basic, bearer, oauth2, mtls", problem.Error("auth.type"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_mtls_key_that_is_not_the_certificates_answers_422_on_the_private_key()
    {
        var client = await fixture.NewTenantAsync();
        var (certificate, _) = SelfSignedCertificates.Create();
        var (_, otherKey) = SelfSignedCertificates.Create();

        (await client.PostAsync("webhooks", Body("https://example.com/a", new { type = "mtls", certificate, private_key = otherKey }))).AssertInvalidFields("auth.private_key");
        (await client.PostAsync("webhooks", Body("https://example.com/a", new { type = "mtls", certificate, private_key = "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----" })))
            .AssertInvalidFields("auth.private_key");
        (await client.PostAsync("webhooks", Body("https://example.com/a", new { type = "mtls", certificate = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", private_key = otherKey })))
            .AssertInvalidFields("auth.certificate");
        Assert.Empty(await client.AllAsync("webhooks"));
    }

    [Fact]
    public async Task An_expired_or_not_yet_valid_certificate_answers_422_saying_when()
    {
        var client = await fixture.NewTenantAsync();
        var expiredAt = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var (expired, expiredKey) = SelfSignedCertificates.Create(notBefore: expiredAt.AddYears(-1), notAfter: expiredAt);
        var (future, futureKey) = SelfSignedCertificates.Create(notBefore: DateTimeOffset.UtcNow.AddDays(10), notAfter: DateTimeOffset.UtcNow.AddDays(40));

        var problem = (await client.PostAsync("webhooks", Body("https://example.com/a", new { type = "mtls", certificate = expired, private_key = expiredKey }))).AssertInvalidFields("auth.certificate");
        Assert.Contains("expired at 2025-03-01T12:00:00", problem.Error("auth.certificate"), StringComparison.Ordinal);
        (await client.PostAsync("webhooks", Body("https://example.com/a", new { type = "mtls", certificate = future, private_key = futureKey }))).AssertInvalidFields("auth.certificate");
    }

    [Fact]
    public async Task A_private_key_pasted_into_the_certificate_is_refused_so_reads_never_answer_it()
    {
        var client = await fixture.NewTenantAsync();
        var (certificate, key) = SelfSignedCertificates.Create();

        (await client.PostAsync("webhooks", Body("https://example.com/a", new { type = "mtls", certificate = certificate + key, private_key = key }))).AssertInvalidFields("auth.certificate");
    }

    [Fact]
    public async Task Mtls_needs_an_https_url_on_create_and_on_a_patch_of_the_url()
    {
        var client = await fixture.NewTenantAsync();
        var (certificate, key) = SelfSignedCertificates.Create();

        (await client.PostAsync("webhooks", Body("http://example.com/a", new { type = "mtls", certificate, private_key = key }))).AssertInvalidFields("auth");
        var id = (await CreateAsync(client, new { type = "mtls", certificate, private_key = key })).Str("id");

        var problem = (await client.PatchAsync($"webhooks/{id}", """{"url":"http://example.com/a"}""")).AssertInvalidFields("url");

        Assert.Contains("https", problem.Error("url"), StringComparison.Ordinal);
        Assert.Equal("https://example.com/a", (await client.GetOkAsync($"webhooks/{id}")).Str("url"));
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"webhooks/{id}", """{"url":"http://example.com/a","auth":null}""")).Status);
    }

    [Fact]
    public async Task A_patch_that_sends_the_auth_back_with_its_hints_keeps_the_secrets_and_null_removes_the_auth()
    {
        var client = await fixture.NewTenantAsync();
        var (certificate, key) = SelfSignedCertificates.Create();
        var id = (await CreateAsync(client, new { type = "oauth2", token_url = "https://auth.example.com/token", client_id = "libromi", client_secret = ClientSecret })).Str("id");
        var read = (await client.GetOkAsync($"webhooks/{id}")).GetProperty("auth");

        var patched = (await client.PatchAsync($"webhooks/{id}", JsonSerializer.Serialize(new { auth = read }))).Json;
        Assert.Equal(read.GetRawText(), patched.GetProperty("auth").GetRawText());
        (await client.PatchAsync($"webhooks/{id}", """{"auth":{"type":"oauth2","token_url":"https://auth.example.com/token","client_id":"c","client_secret":"…NOPE"}}"""))
            .AssertInvalidFields("auth.client_secret");
        (await client.PatchAsync($"webhooks/{id}", """{"auth":{"type":"basic","username":"u","password":"…QRST"}}""")).AssertInvalidFields("auth.password");
        (await client.PatchAsync($"webhooks/{id}", """{"auth":{"type":"bearer","token":7}}""")).AssertInvalidFields("auth.token");
        (await client.PatchAsync($"webhooks/{id}", """{"auth":{"type":"bearer","tokn":"x"}}""")).AssertInvalidFields("auth.tokn");
        (await client.PatchAsync($"webhooks/{id}", """{"auth":"bearer x"}""")).AssertInvalidFields("auth");

        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"webhooks/{id}", JsonSerializer.Serialize(new { auth = new { type = "mtls", certificate, private_key = key } }))).Status);
        var mtls = (await client.GetOkAsync($"webhooks/{id}")).GetProperty("auth");
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"webhooks/{id}", JsonSerializer.Serialize(new { auth = mtls }))).Status);
        Assert.Equal(mtls.GetRawText(), (await client.GetOkAsync($"webhooks/{id}")).GetProperty("auth").GetRawText());

        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"webhooks/{id}", """{"auth":null}""")).Status);
        Assert.Equal(JsonValueKind.Null, (await client.GetOkAsync($"webhooks/{id}")).GetProperty("auth").ValueKind);
    }

    private static string Body(string url, object auth) => JsonSerializer.Serialize(new { url, events = new[] { "*" }, auth });

    private static Task<JsonElement> CreateAsync(HttpClient client, object auth) =>
        client.PostOkAsync("webhooks", new { url = "https://example.com/a", events = new[] { "*" }, auth });
}
