using System.Globalization;
using System.Text.Json;
using Libromi.Connect.Testing;
using Libromi.Connect.Webhooks.Signing;
using Libromi.Connect.Webhooks.Verification;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Webhooks.Tests.Verification;

public sealed class WebhookVerifierEd25519Tests
{
    private static readonly byte[] Body = "{\"type\":\"contact.created\",\"data\":{\"n\":1}}"u8.ToArray();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
    private readonly string _secret = WebhookSecret.Generate();
    private readonly WebhookSigningKey _key = WebhookSigningKey.Generate();

    [Fact]
    public void A_v1a_signature_verifies_with_the_public_key_alone()
    {
        var result = Verifier(_key.PublicKey).Verify(Body, Headers(Body, _key));

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(WebhookSignatureScheme.StandardWebhooks, result.Scheme);
    }

    [Fact]
    public void A_receiver_that_knows_only_the_secret_still_verifies_the_v1_entry_next_to_v1a()
    {
        var result = new WebhookVerifier(new WebhookVerifierOptions { Secrets = [_secret], TimeProvider = _time }).Verify(Body, Headers(Body, _key));

        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public void A_v1a_signature_made_by_another_key_fails()
    {
        var result = Verifier(WebhookSigningKey.Generate().PublicKey).Verify(Body, Headers(Body, _key));

        Assert.Equal(WebhookVerificationFailure.NoMatchingSignature, result.Failure);
    }

    [Fact]
    public void Flipping_any_single_body_byte_fails_the_v1a_signature()
    {
        var verifier = Verifier(_key.PublicKey);
        var headers = Headers(Body, _key);
        for (var i = 0; i < Body.Length; i++)
        {
            var tampered = (byte[])Body.Clone();
            tampered[i] ^= 0x01;

            Assert.Equal(WebhookVerificationFailure.NoMatchingSignature, verifier.Verify(tampered, headers).Failure);
        }
    }

    [Fact]
    public void A_changed_timestamp_or_id_fails_the_v1a_signature()
    {
        var verifier = Verifier(_key.PublicKey);
        var laterTimestamp = Headers(Body, _key);
        laterTimestamp[WebhookHeaders.WebhookTimestamp] = (_time.GetUtcNow().ToUnixTimeSeconds() + 1).ToString(CultureInfo.InvariantCulture);
        var otherId = Headers(Body, _key);
        otherId[WebhookHeaders.WebhookId] = "msg_2";

        Assert.Equal(WebhookVerificationFailure.NoMatchingSignature, verifier.Verify(Body, laterTimestamp).Failure);
        Assert.Equal(WebhookVerificationFailure.NoMatchingSignature, verifier.Verify(Body, otherId).Failure);
    }

    [Fact]
    public void A_v1a_signed_request_outside_the_tolerance_fails_as_too_old()
    {
        var headers = Headers(Body, _key);
        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(WebhookVerificationFailure.TimestampTooOld, Verifier(_key.PublicKey).Verify(Body, headers).Failure);
    }

    [Fact]
    public void During_a_rotation_the_entry_of_either_key_verifies_with_its_own_public_key()
    {
        var previous = WebhookSigningKey.Generate();
        var headers = Headers(Body, _key, previous);

        Assert.True(Verifier(_key.PublicKey).Verify(Body, headers).IsValid);
        Assert.True(Verifier(previous.PublicKey).Verify(Body, headers).IsValid);
        Assert.False(Verifier(WebhookSigningKey.Generate().PublicKey).Verify(Body, headers).IsValid);
    }

    [Fact]
    public void A_request_with_only_the_libromi_signature_never_verifies_with_public_keys_alone()
    {
        var headers = new Dictionary<string, string> { [WebhookHeaders.Signature] = new WebhookSigner(_secret).SignLibromi(Body) };

        var result = new WebhookVerifier(new WebhookVerifierOptions { PublicKeys = [_key.PublicKey], AcceptLibromiSignature = true, TimeProvider = _time }).Verify(Body, headers);

        Assert.False(result.IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("whpk_AAAA")]
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void Malformed_public_keys_are_refused_when_the_verifier_is_made(string publicKey)
    {
        Assert.Throws<ArgumentException>(() => Verifier(publicKey));
    }

    [Fact]
    public void A_verifier_with_neither_secrets_nor_public_keys_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new WebhookVerifier(new WebhookVerifierOptions()));
    }

    [Fact]
    public async Task Node_crypto_verify_accepts_our_v1a_signatures_and_refuses_them_with_another_key()
    {
        var previous = WebhookSigningKey.Generate();
        var stranger = WebhookSigningKey.Generate();
        var signer = new WebhookSigner(_secret, [], [_key, previous]);
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var cases = Interop.InteropBodies.Create(30).SelectMany(body => new[] { _key, previous, stranger }.Select(key => new
        {
            publicKey = key.PublicKey,
            body = Convert.ToBase64String(body),
            headers = new Dictionary<string, string>
            {
                [WebhookHeaders.WebhookId] = "msg_ü_" + now,
                [WebhookHeaders.WebhookTimestamp] = now.ToString(CultureInfo.InvariantCulture),
                [WebhookHeaders.WebhookSignature] = signer.SignStandard("msg_ü_" + now, now, body),
            },
        })).ToList();

        var result = await NodeEnvironment.RunScriptAsync("verify-ed25519.js", JsonSerializer.Serialize(cases), TimeSpan.FromMinutes(1));

        var verdicts = JsonSerializer.Deserialize<string[]>(result.EnsureSuccess().StandardOutput)!;
        Assert.Equal(cases.Select(c => c.publicKey == stranger.PublicKey ? "no match" : "ok"), verdicts);
    }

    private WebhookVerifier Verifier(string publicKey) =>
        new(new WebhookVerifierOptions { PublicKeys = [publicKey], TimeProvider = _time });

    private Dictionary<string, string> Headers(byte[] body, params WebhookSigningKey[] keys)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        return new Dictionary<string, string>
        {
            [WebhookHeaders.WebhookId] = "msg_1",
            [WebhookHeaders.WebhookTimestamp] = now.ToString(CultureInfo.InvariantCulture),
            [WebhookHeaders.WebhookSignature] = new WebhookSigner(_secret, [], keys).SignStandard("msg_1", now, body),
        };
    }
}
