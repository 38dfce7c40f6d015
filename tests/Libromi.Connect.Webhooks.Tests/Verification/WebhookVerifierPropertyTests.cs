using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Libromi.Connect.Webhooks.Signing;
using Libromi.Connect.Webhooks.Verification;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Webhooks.Tests.Verification;

/// <summary>Properties over random bodies, secrets and headers, where the example tests use fixed ones.</summary>
public sealed class WebhookVerifierPropertyTests
{
    private static readonly FakeTimeProvider Time = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
    private static readonly long Now = Time.GetUtcNow().ToUnixTimeSeconds();
    private static readonly Gen<string> Secrets = Gen.OneOf(
        Gen.Byte.Array[1, 64].Select(key => WebhookSecret.Prefix + Convert.ToBase64String(key)),
        Gen.String[Gen.Char.AlphaNumeric, 1, 40]);

    [Fact]
    public void Any_body_signed_with_any_secret_verifies_under_both_schemes()
    {
        Check.Sample(Gen.Select(Gen.Byte.Array[0, 2000], Secrets, Gen.String[Gen.Char.AlphaNumeric, 1, 30]), sample =>
        {
            var (body, secret, id) = sample;
            var verifier = Verifier(secret);
            // Seed-style plain secrets cannot build a WebhookSigner; the seed's receiver computes the same HMAC by hand.
            var seedSignature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

            var libromi = verifier.Verify(body, n => n == WebhookHeaders.Signature ? seedSignature : null);
            Assert.True(libromi.IsValid, libromi.Message);
            if (secret.StartsWith(WebhookSecret.Prefix, StringComparison.Ordinal))
            {
                var signer = new WebhookSigner(secret);
                Assert.Equal(seedSignature, signer.SignLibromi(body));
                var standard = verifier.Verify(body, StandardHeaders(id, signer.SignStandard(id, Now, body)));
                Assert.Equal(WebhookSignatureScheme.StandardWebhooks, standard.Scheme);
            }
        }, iter: 2000);
    }

    [Fact]
    public void Flipping_any_bit_of_any_body_fails_both_schemes()
    {
        var gen = Gen.Byte.Array[1, 500].SelectMany(body => Gen.Select(Gen.Const(body), Gen.Int[0, body.Length - 1], Gen.Int[0, 7]));
        var secret = WebhookSecret.Generate();
        var verifier = Verifier(secret);
        var signer = new WebhookSigner(secret);

        Check.Sample(gen, sample =>
        {
            var (body, at, bit) = sample;
            var libromi = signer.SignLibromi(body);
            var standard = signer.SignStandard("evt_1", Now, body);
            var tampered = (byte[])body.Clone();
            tampered[at] ^= (byte)(1 << bit);

            Assert.Equal(WebhookVerificationFailure.NoMatchingSignature, verifier.Verify(tampered, n => n == WebhookHeaders.Signature ? libromi : null).Failure);
            Assert.Equal(WebhookVerificationFailure.NoMatchingSignature, verifier.Verify(tampered, StandardHeaders("evt_1", standard)).Failure);
        }, iter: 2000);
    }

    [Fact]
    public void Arbitrary_header_values_fail_without_throwing()
    {
        var header = Gen.OneOf(Gen.Const((string?)null), Gen.String.Select(s => (string?)s), Gen.String[Gen.Char.AlphaNumeric, 0, 100].Select(s => (string?)("v1," + s)));
        var verifier = Verifier(WebhookSecret.Generate());

        Check.Sample(Gen.Select(Gen.Byte.Array[0, 200], header, header, header, header), sample =>
        {
            var (body, id, timestamp, standard, libromi) = sample;
            var result = verifier.Verify(body, name => name switch
            {
                WebhookHeaders.WebhookId => id,
                WebhookHeaders.WebhookTimestamp => timestamp,
                WebhookHeaders.WebhookSignature => standard,
                WebhookHeaders.Signature => libromi,
                _ => null,
            });

            Assert.False(result.IsValid);
            Assert.NotEqual(WebhookVerificationFailure.None, result.Failure);
            Assert.False(string.IsNullOrWhiteSpace(result.Message));
        }, iter: 5000);
    }

    private static WebhookVerifier Verifier(string secret) => new(new WebhookVerifierOptions { Secrets = [secret], TimeProvider = Time });

    private static Func<string, string?> StandardHeaders(string id, string signature) => name => name switch
    {
        WebhookHeaders.WebhookId => id,
        WebhookHeaders.WebhookTimestamp => Now.ToString(CultureInfo.InvariantCulture),
        WebhookHeaders.WebhookSignature => signature,
        _ => null,
    };
}
