using System.Text.Json;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Webhooks;

/// <summary>The <c>signing</c> and <c>public_key</c> fields as a user sets and reads them; the signatures are tested in Delivery/.</summary>
public sealed class WebhookSigningFieldsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_new_webhook_signs_with_hmac_and_has_no_public_key_unless_asked()
    {
        var client = await fixture.NewTenantAsync();

        var plain = await client.PostOkAsync("webhooks", new { url = "https://example.com/a", events = new[] { "*" } });
        var signed = await client.PostOkAsync("webhooks", new { url = "https://example.com/b", events = new[] { "*" }, signing = "ed25519" });

        Assert.Equal("hmac", plain.Str("signing"));
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("public_key").ValueKind);
        var read = await client.GetOkAsync($"webhooks/{signed.Str("id")}");
        Assert.Equal("ed25519", read.Str("signing"));
        Assert.Equal(signed.Str("public_key"), read.Str("public_key"));
        Assert.Equal(JsonValueKind.Null, read.GetProperty("previous_public_key").ValueKind);
        Assert.Equal(49, read.Str("public_key").Length);
    }

    [Fact]
    public async Task Patching_other_fields_keeps_the_key_pair()
    {
        var client = await fixture.NewTenantAsync();
        var created = await client.PostOkAsync("webhooks", new { url = "https://example.com/a", events = new[] { "*" }, signing = "ed25519" });

        var patched = (await client.PatchAsync($"webhooks/{created.Str("id")}", """{"description":"kept","signing":"ed25519"}""")).Json;

        Assert.Equal(created.Str("public_key"), patched.Str("public_key"));
        Assert.Equal(created.Str("public_key"), (await client.GetOkAsync($"webhooks/{created.Str("id")}")).Str("public_key"));
    }

    [Theory]
    [InlineData("rsa")]
    [InlineData("Ed25519")]
    [InlineData("")]
    public async Task A_wrong_signing_on_create_answers_422_naming_signing_and_creates_nothing(string signing)
    {
        var client = await fixture.NewTenantAsync();

        var problem = (await client.PostAsync("webhooks", JsonSerializer.Serialize(new { url = "https://example.com/a", events = new[] { "*" }, signing })))
            .AssertInvalidFields("signing");

        Assert.Contains("ed25519", problem.Error("signing"), StringComparison.Ordinal);
        Assert.Empty(await client.AllAsync("webhooks"));
    }

    [Fact]
    public async Task A_wrong_signing_on_patch_answers_422_and_changes_nothing()
    {
        var client = await fixture.NewTenantAsync();
        var id = (await client.PostOkAsync("webhooks", new { url = "https://example.com/a", events = new[] { "*" }, signing = "ed25519" })).Str("id");
        var before = await client.GetOkAsync($"webhooks/{id}");

        (await client.PatchAsync($"webhooks/{id}", """{"signing":"hmac-sha512","description":"no"}""")).AssertInvalidFields("signing");

        Assert.Equal(before.GetRawText(), (await client.GetOkAsync($"webhooks/{id}")).GetRawText());
    }

    [Fact]
    public async Task The_openapi_document_describes_signing_and_the_public_keys()
    {
        using var client = new HttpClient { BaseAddress = fixture.Server.BaseAddress };

        var text = (await client.GetAnswerAsync("/openapi/v1.json")).Text;

        Assert.Contains("\"signing\"", text, StringComparison.Ordinal);
        Assert.Contains("\"public_key\"", text, StringComparison.Ordinal);
        Assert.Contains("\"previous_public_key\"", text, StringComparison.Ordinal);
    }
}
