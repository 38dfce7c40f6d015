using System.Globalization;
using System.Security.Cryptography;
using Libromi.Connect.Webhooks.Signing;

namespace Libromi.Connect.Webhooks.Verification;

/// <summary>
/// Checks that a webhook request came from Libromi Connect. A request that carries any of the Standard Webhooks
/// headers (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>) is judged by that scheme alone:
/// all three must be present, the timestamp within the tolerance and a signature must match, whatever
/// <c>X-Libromi-Signature</c> says. Only a request with none of them is checked against <c>X-Libromi-Signature</c>,
/// the original scheme, which has no timestamp and so no replay protection: a captured request verifies forever,
/// and the receiver's record of event ids is then the only guard, unless
/// <see cref="WebhookVerifierOptions.AcceptLibromiSignature"/> turns that scheme off. Never throws on malformed requests: every problem
/// comes back as a <see cref="WebhookVerificationResult"/>.
/// </summary>
public sealed class WebhookVerifier
{
    private const int MacLength = HMACSHA256.HashSizeInBytes;

    private readonly VerificationKey[] _keys;
    private readonly NSec.Cryptography.PublicKey[] _publicKeys;
    private readonly TimeSpan _tolerance;
    private readonly bool _acceptLibromi;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a verifier; secrets and public keys are copied, so later changes to the options have no effect.</summary>
    /// <param name="options">The secrets, public keys, tolerance and clock.</param>
    /// <exception cref="ArgumentException">
    /// Neither a secret nor a public key is configured, a secret is empty or null, or a public key is not <c>whpk_</c>
    /// followed by the base64 of 32 bytes.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">The tolerance is negative.</exception>
    public WebhookVerifier(WebhookVerifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Secrets);
        ArgumentNullException.ThrowIfNull(options.PublicKeys);
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Tolerance, TimeSpan.Zero);
        if ((options.Secrets.Count == 0 && options.PublicKeys.Count == 0) || options.Secrets.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Configure at least one secret or public key, and no empty secrets.", nameof(options));
        }

        _keys = [.. options.Secrets.Select(secret => new VerificationKey(secret))];
        _publicKeys = [.. options.PublicKeys.Select(key => WebhookSigningKey.TryParsePublic(key)
            ?? throw new ArgumentException($"A public key must be \"{WebhookSigningKey.PublicPrefix}\" followed by the base64 of 32 bytes, as a webhook's public_key is.", nameof(options)))];
        _tolerance = options.Tolerance;
        _acceptLibromi = options.AcceptLibromiSignature;
        _timeProvider = options.TimeProvider;
    }

    /// <summary>Verifies a request whose headers are in a dictionary; names are matched case-insensitively.</summary>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <param name="headers">The request headers.</param>
    /// <returns>Whether the request is valid, and why not.</returns>
    public WebhookVerificationResult Verify(ReadOnlySpan<byte> body, IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Verify(body, name => VerificationHeaders.Find(headers, name));
    }

    /// <summary>Verifies a request.</summary>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <param name="getHeader">Returns a header's value by name, or null when absent.</param>
    /// <returns>Whether the request is valid, and why not.</returns>
    public WebhookVerificationResult Verify(ReadOnlySpan<byte> body, Func<string, string?> getHeader)
    {
        ArgumentNullException.ThrowIfNull(getHeader);
        var id = getHeader(WebhookHeaders.WebhookId);
        var timestamp = getHeader(WebhookHeaders.WebhookTimestamp);
        var standardSignature = getHeader(WebhookHeaders.WebhookSignature);

        // Libromi Connect sends both schemes on every delivery. Were a stale, partial or failing Standard Webhooks
        // request allowed to fall back to X-Libromi-Signature, which has no timestamp, the tolerance would never apply.
        if (id is not null || timestamp is not null || standardSignature is not null)
        {
            return string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(standardSignature)
                ? WebhookVerificationResult.Fail(WebhookVerificationFailure.MissingHeaders, $"Send all of {WebhookHeaders.WebhookId}, {WebhookHeaders.WebhookTimestamp} and {WebhookHeaders.WebhookSignature}; missing or empty: {VerificationHeaders.Missing(id, timestamp, standardSignature)}.")
                : VerifyStandard(body, id, timestamp, standardSignature);
        }

        if (!_acceptLibromi)
        {
            return WebhookVerificationResult.Fail(
                WebhookVerificationFailure.MissingHeaders,
                $"Send {WebhookHeaders.WebhookId}, {WebhookHeaders.WebhookTimestamp} and {WebhookHeaders.WebhookSignature}; this receiver does not accept {WebhookHeaders.Signature}, which has no timestamp.");
        }

        var libromiSignature = getHeader(WebhookHeaders.Signature);
        return string.IsNullOrEmpty(libromiSignature)
            ? WebhookVerificationResult.Fail(
                WebhookVerificationFailure.MissingHeaders,
                $"Send either {WebhookHeaders.WebhookId}, {WebhookHeaders.WebhookTimestamp} and {WebhookHeaders.WebhookSignature}, or {WebhookHeaders.Signature}.")
            : VerifyLibromi(body, libromiSignature);
    }

    private WebhookVerificationResult VerifyStandard(ReadOnlySpan<byte> body, string id, string timestamp, string signatureHeader)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var sentAt))
        {
            return WebhookVerificationResult.Fail(WebhookVerificationFailure.InvalidTimestamp, $"{WebhookHeaders.WebhookTimestamp} must be whole Unix seconds.");
        }

        var now = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var tolerance = (long)_tolerance.TotalSeconds;
        if (sentAt < now - tolerance)
        {
            return WebhookVerificationResult.Fail(WebhookVerificationFailure.TimestampTooOld, $"{WebhookHeaders.WebhookTimestamp} is older than the tolerance of {_tolerance}.");
        }

        if (sentAt > now + tolerance)
        {
            return WebhookVerificationResult.Fail(WebhookVerificationFailure.TimestampTooNew, $"{WebhookHeaders.WebhookTimestamp} is further ahead than the tolerance of {_tolerance}.");
        }

        using var content = new SignedContent(id, sentAt, body, stackalloc byte[SignedContent.StackLimit]);
        Span<byte> expected = stackalloc byte[MacLength * _keys.Length];
        for (var k = 0; k < _keys.Length; k++)
        {
            if (_keys[k].StandardKey is { } key)
            {
                HMACSHA256.HashData(key, content.Bytes, expected.Slice(k * MacLength, MacLength));
            }
        }

        Span<byte> passed = stackalloc byte[WebhookSigningKey.SignatureBytes + 3];
        var sawV1 = false;
        var sawV1a = false;
        foreach (var range in signatureHeader.AsSpan().Split(' '))
        {
            var entry = signatureHeader.AsSpan(range);
            if (entry.StartsWith("v1,", StringComparison.Ordinal))
            {
                sawV1 = true;
                if (Convert.TryFromBase64Chars(entry[3..], passed, out var written) && written == MacLength
                    && MatchesAny(passed[..MacLength], expected, standard: true))
                {
                    return WebhookVerificationResult.Success(WebhookSignatureScheme.StandardWebhooks);
                }
            }
            else if (entry.StartsWith("v1a,", StringComparison.Ordinal))
            {
                sawV1a = true;
                if (Convert.TryFromBase64Chars(entry[4..], passed, out var written) && written == WebhookSigningKey.SignatureBytes
                    && VerifiesWithAny(content.Bytes, passed[..written]))
                {
                    return WebhookVerificationResult.Success(WebhookSignatureScheme.StandardWebhooks);
                }
            }
        }

        return sawV1 || sawV1a
            ? WebhookVerificationResult.Fail(WebhookVerificationFailure.NoMatchingSignature, NoMatchMessage())
            : WebhookVerificationResult.Fail(WebhookVerificationFailure.MalformedSignature, $"{WebhookHeaders.WebhookSignature} has no \"v1,<base64>\" or \"v1a,<base64>\" entry.");
    }

    private bool VerifiesWithAny(ReadOnlySpan<byte> content, ReadOnlySpan<byte> signature)
    {
        foreach (var key in _publicKeys)
        {
            if (WebhookSigningKey.Verify(key, content, signature))
            {
                return true;
            }
        }

        return false;
    }

    private string NoMatchMessage() =>
        _keys.Any(k => k.StandardKey is not null) || _publicKeys.Length > 0
            ? $"No {WebhookHeaders.WebhookSignature} entry matches a configured secret or public key."
            : $"No {WebhookHeaders.WebhookSignature} entry matches a configured secret: none is a {WebhookSecret.Prefix} secret, which that scheme needs.";

    private WebhookVerificationResult VerifyLibromi(ReadOnlySpan<byte> body, string signature)
    {
        Span<byte> passed = stackalloc byte[MacLength];
        if (signature.Length != MacLength * 2
            || Convert.FromHexString(signature, passed, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            return WebhookVerificationResult.Fail(WebhookVerificationFailure.MalformedSignature, $"{WebhookHeaders.Signature} must be 64 hex characters.");
        }

        Span<byte> expected = stackalloc byte[MacLength * _keys.Length];
        for (var k = 0; k < _keys.Length; k++)
        {
            HMACSHA256.HashData(_keys[k].LibromiKey, body, expected.Slice(k * MacLength, MacLength));
        }

        return MatchesAny(passed, expected, standard: false)
            ? WebhookVerificationResult.Success(WebhookSignatureScheme.Libromi)
            : WebhookVerificationResult.Fail(WebhookVerificationFailure.NoMatchingSignature, $"{WebhookHeaders.Signature} does not match a configured secret.");
    }

    /// <summary>Compares against every key without stopping early, so timing reveals nothing about which matched.</summary>
    private bool MatchesAny(ReadOnlySpan<byte> passed, ReadOnlySpan<byte> expected, bool standard)
    {
        var matched = false;
        for (var k = 0; k < _keys.Length; k++)
        {
            var usable = !standard || _keys[k].StandardKey is not null;
            matched |= CryptographicOperations.FixedTimeEquals(passed, expected.Slice(k * MacLength, MacLength)) && usable;
        }

        return matched;
    }
}
