using Libromi.Connect.Webhooks.Signing;
using Libromi.Connect.Webhooks.Verification;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Webhooks.Tests.Verification;

public sealed class WebhookVerifierTests
{
    private static readonly byte[] Body = "{\"type\":\"contact.created\",\"data\":{\"n\":1}}"u8.ToArray();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
    private readonly string _secret = WebhookSecret.Generate();

    [Fact]
    public void A_request_signed_in_both_schemes_verifies_under_standard_webhooks()
    {
        var result = Verifier(_secret).Verify(Body, Headers(new WebhookSigner(_secret), Body));

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(WebhookSignatureScheme.StandardWebhooks, result.Scheme);
    }

    [Fact]
    public void A_request_with_only_the_libromi_signature_verifies_under_the_libromi_scheme()
    {
        var headers = new Dictionary<string, string> { ["x-libromi-signature"] = new WebhookSigner(_secret).SignLibromi(Body).ToUpperInvariant() };

        var result = Verifier(_secret).Verify(Body, headers);

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(WebhookSignatureScheme.Libromi, result.Scheme);
    }

    [Fact]
    public void Flipping_any_single_body_byte_fails_both_schemes()
    {
        var verifier = Verifier(_secret);
        var signer = new WebhookSigner(_secret);
        var headers = Headers(signer, Body);
        var libromiOnly = new Dictionary<string, string> { [WebhookHeaders.Signature] = signer.SignLibromi(Body) };
        for (var i = 0; i < Body.Length; i++)
        {
            var tampered = (byte[])Body.Clone();
            tampered[i] ^= 0x01;

            Assert.Equal(WebhookVerificationFailure.NoMatchingSignature, verifier.Verify(tampered, headers).Failure);
            Assert.Equal(WebhookVerificationFailure.NoMatchingSignature, verifier.Verify(tampered, libromiOnly).Failure);
        }
    }

    [Fact]
    public void Changing_any_single_signature_character_fails()
    {
        var verifier = Verifier(_secret);
        var signer = new WebhookSigner(_secret);
        var standard = Headers(signer, Body);
        standard.Remove(WebhookHeaders.Signature);
        var libromi = signer.SignLibromi(Body);
        var v1 = standard[WebhookHeaders.WebhookSignature];
        for (var i = 0; i < libromi.Length; i++)
        {
            var changed = libromi[..i] + (libromi[i] == '0' ? '1' : '0') + libromi[(i + 1)..];
            Assert.False(verifier.Verify(Body, new Dictionary<string, string> { [WebhookHeaders.Signature] = changed }).IsValid);
        }

        const string Base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (var i = 3; i < v1.Length - 1; i++)
        {
            // Moving 4 places changes a data bit even in the last character, whose two lowest bits are only padding
            // (changing those spells the same MAC, which rightly still verifies).
            var other = Base64[(Base64.IndexOf(v1[i], StringComparison.Ordinal) + 4) % 64];
            standard[WebhookHeaders.WebhookSignature] = v1[..i] + other + v1[(i + 1)..];
            Assert.False(verifier.Verify(Body, standard).IsValid, standard[WebhookHeaders.WebhookSignature]);
        }
    }

    [Fact]
    public void A_signature_made_with_another_secret_fails()
    {
        var result = Verifier(_secret).Verify(Body, Headers(new WebhookSigner(WebhookSecret.Generate()), Body));

        Assert.Equal(WebhookVerificationFailure.NoMatchingSignature, result.Failure);
        Assert.Equal(WebhookSignatureScheme.None, result.Scheme);
    }

    [Fact]
    public void During_rotation_a_signature_from_either_secret_verifies()
    {
        var old = WebhookSecret.Generate();
        var verifier = Verifier(_secret, old);

        Assert.True(verifier.Verify(Body, Headers(new WebhookSigner(old), Body)).IsValid);
        Assert.True(verifier.Verify(Body, Headers(new WebhookSigner(_secret), Body)).IsValid);
        var oldStandardOnly = Headers(new WebhookSigner(old), Body);
        oldStandardOnly.Remove(WebhookHeaders.Signature);
        Assert.True(Verifier(old).Verify(Body, Headers(new WebhookSigner(_secret, old), Body)).IsValid);
        Assert.Equal(WebhookSignatureScheme.StandardWebhooks, verifier.Verify(Body, oldStandardOnly).Scheme);
    }

    [Theory]
    [InlineData(-301, WebhookVerificationFailure.TimestampTooOld)]
    [InlineData(301, WebhookVerificationFailure.TimestampTooNew)]
    public void A_timestamp_outside_the_tolerance_fails(int offsetSeconds, WebhookVerificationFailure failure)
    {
        var headers = Headers(new WebhookSigner(_secret), Body, _time.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds);
        headers.Remove(WebhookHeaders.Signature);

        Assert.Equal(failure, Verifier(_secret).Verify(Body, headers).Failure);
        var atEdge = Headers(new WebhookSigner(_secret), Body, _time.GetUtcNow().ToUnixTimeSeconds() + (offsetSeconds / 301 * 300));
        atEdge.Remove(WebhookHeaders.Signature);
        Assert.True(Verifier(_secret).Verify(Body, atEdge).IsValid);
    }

    [Theory]
    [InlineData(-301, WebhookVerificationFailure.TimestampTooOld)]
    [InlineData(301, WebhookVerificationFailure.TimestampTooNew)]
    public void A_timestamp_outside_the_tolerance_fails_even_when_the_libromi_signature_is_valid(int offsetSeconds, WebhookVerificationFailure failure)
    {
        var headers = Headers(new WebhookSigner(_secret), Body, _time.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds);

        var result = Verifier(_secret).Verify(Body, headers);

        Assert.Equal(failure, result.Failure);
        Assert.Equal(WebhookSignatureScheme.None, result.Scheme);
    }

    [Fact]
    public void A_wrong_standard_signature_fails_even_when_the_libromi_signature_is_valid()
    {
        var headers = Headers(new WebhookSigner(_secret), Body);
        headers[WebhookHeaders.WebhookSignature] = new WebhookSigner(WebhookSecret.Generate()).SignStandard("msg_2Yh", _time.GetUtcNow().ToUnixTimeSeconds(), Body);

        Assert.Equal(WebhookVerificationFailure.NoMatchingSignature, Verifier(_secret).Verify(Body, headers).Failure);
    }

    [Theory]
    [InlineData(WebhookHeaders.WebhookId)]
    [InlineData(WebhookHeaders.WebhookTimestamp)]
    [InlineData(WebhookHeaders.WebhookSignature)]
    [InlineData(WebhookHeaders.WebhookId, WebhookHeaders.WebhookTimestamp)]
    [InlineData(WebhookHeaders.WebhookId, WebhookHeaders.WebhookSignature)]
    [InlineData(WebhookHeaders.WebhookTimestamp, WebhookHeaders.WebhookSignature)]
    public void Any_incomplete_set_of_standard_headers_fails_even_when_the_libromi_signature_is_valid(params string[] dropped)
    {
        var headers = Headers(new WebhookSigner(_secret), Body);
        var emptied = Headers(new WebhookSigner(_secret), Body);
        foreach (var name in dropped)
        {
            headers.Remove(name);
            emptied[name] = "";
        }

        var result = Verifier(_secret).Verify(Body, headers);

        Assert.Equal(WebhookVerificationFailure.MissingHeaders, result.Failure);
        Assert.All(dropped, name => Assert.Contains(name, result.Message, StringComparison.Ordinal));
        Assert.Equal(WebhookVerificationFailure.MissingHeaders, Verifier(_secret).Verify(Body, emptied).Failure);
    }

    [Fact]
    public void A_request_with_only_the_libromi_signature_has_no_timestamp_so_it_verifies_at_any_time()
    {
        var headers = new Dictionary<string, string> { [WebhookHeaders.Signature] = new WebhookSigner(_secret).SignLibromi(Body) };
        var verifier = Verifier(_secret);

        _time.Advance(TimeSpan.FromDays(365));

        Assert.Equal(WebhookSignatureScheme.Libromi, verifier.Verify(Body, headers).Scheme);
    }

    [Fact]
    public void With_the_libromi_scheme_turned_off_only_standard_webhooks_verify()
    {
        var signer = new WebhookSigner(_secret);
        var verifier = new WebhookVerifier(new WebhookVerifierOptions { Secrets = [_secret], TimeProvider = _time, AcceptLibromiSignature = false });

        var libromiOnly = verifier.Verify(Body, new Dictionary<string, string> { [WebhookHeaders.Signature] = signer.SignLibromi(Body) });

        Assert.Equal(WebhookVerificationFailure.MissingHeaders, libromiOnly.Failure);
        Assert.Contains(WebhookHeaders.WebhookTimestamp, libromiOnly.Message, StringComparison.Ordinal);
        Assert.Equal(WebhookSignatureScheme.StandardWebhooks, verifier.Verify(Body, Headers(signer, Body)).Scheme);
    }

    [Theory]
    [InlineData(WebhookHeaders.Signature, "", WebhookVerificationFailure.MissingHeaders)]
    [InlineData(WebhookHeaders.Signature, "abc", WebhookVerificationFailure.MalformedSignature)]
    [InlineData(WebhookHeaders.Signature, "zz00000000000000000000000000000000000000000000000000000000000000", WebhookVerificationFailure.MalformedSignature)]
    [InlineData(WebhookHeaders.Signature, "00000000000000000000000000000000000000000000000000000000000000000", WebhookVerificationFailure.MalformedSignature)]
    [InlineData(WebhookHeaders.WebhookSignature, "v1,not-base64!!", WebhookVerificationFailure.NoMatchingSignature)]
    [InlineData(WebhookHeaders.WebhookSignature, "v1,AAAA", WebhookVerificationFailure.NoMatchingSignature)]
    [InlineData(WebhookHeaders.WebhookSignature, "v2,abc v1", WebhookVerificationFailure.MalformedSignature)]
    [InlineData(WebhookHeaders.WebhookSignature, "   ", WebhookVerificationFailure.MalformedSignature)]
    [InlineData(WebhookHeaders.WebhookTimestamp, "soon", WebhookVerificationFailure.InvalidTimestamp)]
    [InlineData(WebhookHeaders.WebhookTimestamp, "-5", WebhookVerificationFailure.InvalidTimestamp)]
    [InlineData(WebhookHeaders.WebhookTimestamp, "99999999999999999999999", WebhookVerificationFailure.InvalidTimestamp)]
    [InlineData(WebhookHeaders.WebhookTimestamp, "9223372036854775807", WebhookVerificationFailure.TimestampTooNew)]
    public void Malformed_headers_return_a_failure_instead_of_throwing(string header, string value, WebhookVerificationFailure failure)
    {
        var headers = header == WebhookHeaders.Signature
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { [WebhookHeaders.WebhookId] = "msg_1", [WebhookHeaders.WebhookTimestamp] = "1700000000", [WebhookHeaders.WebhookSignature] = "v1,AAAA" };
        headers[header] = value;

        var result = Verifier(_secret).Verify(Body, headers);

        Assert.Equal(failure, result.Failure);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Fact]
    public void Missing_headers_an_empty_body_and_huge_headers_fail_without_throwing()
    {
        var verifier = Verifier(_secret);
        var huge = string.Join(' ', Enumerable.Repeat("v1," + new string('A', 1000), 1000));

        Assert.Equal(WebhookVerificationFailure.MissingHeaders, verifier.Verify([], _ => null).Failure);
        Assert.Equal(WebhookVerificationFailure.MissingHeaders, verifier.Verify(Body, new Dictionary<string, string> { [WebhookHeaders.WebhookId] = "x" }).Failure);
        Assert.Equal(WebhookVerificationFailure.NoMatchingSignature, verifier.Verify(Body, name => name switch
        {
            WebhookHeaders.WebhookId => new string('i', 100_000),
            WebhookHeaders.WebhookTimestamp => "1700000000",
            WebhookHeaders.WebhookSignature => huge,
            _ => null,
        }).Failure);
        Assert.Equal(WebhookVerificationFailure.MalformedSignature, verifier.Verify(Body, n => n == WebhookHeaders.Signature ? huge : null).Failure);
    }

    [Fact]
    public void The_verifier_refuses_an_empty_secret_list()
    {
        Assert.Throws<ArgumentException>(() => new WebhookVerifier(new WebhookVerifierOptions()));
        Assert.Throws<ArgumentException>(() => new WebhookVerifier(new WebhookVerifierOptions { Secrets = [""] }));
    }

    [Fact]
    public void A_seed_style_secret_without_the_whsec_prefix_still_verifies_libromi_signatures()
    {
        var body = "{}"u8.ToArray();
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("plain-secret"u8, body));

        var result = Verifier("plain-secret").Verify(body, n => n == WebhookHeaders.Signature ? expected : null);

        Assert.True(result.IsValid, result.Message);
    }

    private WebhookVerifier Verifier(params string[] secrets) =>
        new(new WebhookVerifierOptions { Secrets = secrets, TimeProvider = _time });

    private Dictionary<string, string> Headers(WebhookSigner signer, byte[] body, long? timestamp = null)
    {
        var sentAt = timestamp ?? _time.GetUtcNow().ToUnixTimeSeconds();
        return new Dictionary<string, string>
        {
            [WebhookHeaders.WebhookId] = "msg_2Yh",
            [WebhookHeaders.WebhookTimestamp] = sentAt.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [WebhookHeaders.WebhookSignature] = signer.SignStandard("msg_2Yh", sentAt, body),
            [WebhookHeaders.Signature] = signer.SignLibromi(body),
        };
    }
}
