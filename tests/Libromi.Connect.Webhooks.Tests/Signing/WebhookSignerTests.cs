using System.Security.Cryptography;
using System.Text;
using Libromi.Connect.Webhooks.Signing;

namespace Libromi.Connect.Webhooks.Tests.Signing;

public sealed class WebhookSignerTests
{
    private static readonly byte[] Body = "{\"type\":\"message.received\"}"u8.ToArray();

    [Fact]
    public void Generated_secrets_carry_the_prefix_and_a_32_byte_key()
    {
        var secret = WebhookSecret.Generate();

        Assert.StartsWith(WebhookSecret.Prefix, secret, StringComparison.Ordinal);
        Assert.True(WebhookSecret.TryGetStandardKey(secret, out var key));
        Assert.Equal(32, key.Length);
        Assert.NotEqual(secret, WebhookSecret.Generate());
    }

    [Theory]
    [InlineData("")]
    [InlineData("whsec_")]
    [InlineData("whsec_not base64!")]
    [InlineData("c2VjcmV0")]
    public void Malformed_secrets_have_no_standard_key_and_cannot_build_a_signer(string secret)
    {
        Assert.False(WebhookSecret.TryGetStandardKey(secret, out _));
        Assert.Throws<ArgumentException>(() => new WebhookSigner(secret));
        Assert.Throws<ArgumentException>(() => new WebhookSigner(WebhookSecret.Generate(), secret));
    }

    [Fact]
    public void The_libromi_signature_is_lowercase_hex_hmac_of_the_body_keyed_with_the_whole_secret_text()
    {
        var secret = WebhookSecret.Generate();

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Body));

        var signer = new WebhookSigner(secret);
        Assert.Equal(expected, signer.SignLibromi(Body));
        Assert.Equal(secret, signer.LibromiSigningSecret);
    }

    [Fact]
    public void The_standard_signature_lists_the_current_secret_first_then_each_previous_one()
    {
        var current = WebhookSecret.Generate();
        var previous = WebhookSecret.Generate();

        var header = new WebhookSigner(current, previous).SignStandard("msg_1", 1700000000, Body);

        var entries = header.Split(' ');
        Assert.Equal([Expected(current), Expected(previous)], entries);

        static string Expected(string secret)
        {
            WebhookSecret.TryGetStandardKey(secret, out var key);
            var content = Encoding.UTF8.GetBytes("msg_1.1700000000.").Concat(Body).ToArray();
            return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
        }
    }

    [Fact]
    public void Large_bodies_sign_the_same_as_small_ones_would()
    {
        var secret = WebhookSecret.Generate();
        var body = Encoding.UTF8.GetBytes(new string('x', 100_000));
        WebhookSecret.TryGetStandardKey(secret, out var key);
        var content = Encoding.UTF8.GetBytes("id.5.").Concat(body).ToArray();

        Assert.Equal("v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content)), new WebhookSigner(secret).SignStandard("id", 5, body));
    }
}
