using Libromi.Connect.Webhooks.Signing;

namespace Libromi.Connect.Webhooks.Tests.Signing;

public sealed class WebhookSigningKeyTests
{
    private static readonly byte[] Body = "{\"type\":\"message.received\"}"u8.ToArray();

    [Fact]
    public void Generated_keys_have_whsk_and_whpk_text_forms_of_32_bytes_each()
    {
        var key = WebhookSigningKey.Generate();

        Assert.StartsWith("whsk_", key.PrivateKey, StringComparison.Ordinal);
        Assert.StartsWith("whpk_", key.PublicKey, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(key.PrivateKey["whsk_".Length..]).Length);
        Assert.Equal(32, Convert.FromBase64String(key.PublicKey["whpk_".Length..]).Length);
        Assert.NotEqual(key.PublicKey, WebhookSigningKey.Generate().PublicKey);
    }

    [Fact]
    public void A_parsed_private_key_has_the_same_public_key_and_signs_the_same()
    {
        var key = WebhookSigningKey.Generate();
        var parsed = WebhookSigningKey.Parse(key.PrivateKey);
        var secret = WebhookSecret.Generate();

        Assert.Equal(key.PublicKey, parsed.PublicKey);
        Assert.Equal(
            new WebhookSigner(secret, [], [key]).SignStandard("msg_1", 1700000000, Body),
            new WebhookSigner(secret, [], [parsed]).SignStandard("msg_1", 1700000000, Body));
    }

    [Fact]
    public void A_key_printed_by_mistake_shows_only_its_public_key()
    {
        var key = WebhookSigningKey.Generate();

        Assert.Equal(key.PublicKey, key.ToString());
        Assert.DoesNotContain(key.PrivateKey["whsk_".Length..], $"{key}", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("whsk_")]
    [InlineData("whsk_not base64!")]
    [InlineData("whsk_AAAA")]
    [InlineData("whpk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void Malformed_private_keys_are_refused(string text)
    {
        Assert.Throws<FormatException>(() => WebhookSigningKey.Parse(text));
    }

    [Fact]
    public void Each_signing_key_adds_a_v1a_entry_after_the_v1_entries()
    {
        var current = WebhookSigningKey.Generate();
        var previous = WebhookSigningKey.Generate();

        var entries = new WebhookSigner(WebhookSecret.Generate(), [WebhookSecret.Generate()], [current, previous])
            .SignStandard("msg_1", 1700000000, Body).Split(' ');

        Assert.Equal(4, entries.Length);
        Assert.All(entries[..2], entry => Assert.StartsWith("v1,", entry, StringComparison.Ordinal));
        Assert.All(entries[2..], entry => Assert.StartsWith("v1a,", entry, StringComparison.Ordinal));
        Assert.All(entries[2..], entry => Assert.Equal(64, Convert.FromBase64String(entry[4..]).Length));
    }

    [Fact]
    public void A_signer_without_signing_keys_sends_no_v1a_entry()
    {
        var header = new WebhookSigner(WebhookSecret.Generate()).SignStandard("msg_1", 1700000000, Body);

        Assert.DoesNotContain("v1a,", header, StringComparison.Ordinal);
    }
}
