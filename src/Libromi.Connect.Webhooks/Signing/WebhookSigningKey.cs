using System.Diagnostics.CodeAnalysis;
using NSec.Cryptography;

namespace Libromi.Connect.Webhooks.Signing;

/// <summary>
/// An Ed25519 key pair that signs Standard Webhooks <c>v1a</c> signatures. Its text forms are <see cref="PrivateKey"/>,
/// <c>whsk_</c> plus the base64 of the 32-byte RFC 8032 private key (the seed), for storage by the sender alone, and
/// <see cref="PublicKey"/>, <c>whpk_</c> plus the base64 of the 32-byte public key, for receivers.
/// <see cref="object.ToString"/> answers the public key, so a key logged by mistake reveals nothing.
/// </summary>
public sealed class WebhookSigningKey
{
    /// <summary>The prefix of a private key's text form: <c>whsk_</c>.</summary>
    public const string PrivatePrefix = "whsk_";

    /// <summary>The prefix of a public key's text form: <c>whpk_</c>.</summary>
    public const string PublicPrefix = "whpk_";

    /// <summary>Length of an Ed25519 signature, in bytes: 64.</summary>
    internal const int SignatureBytes = 64;

    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    /// <summary>The private key's text form is exported once, when the key is made.</summary>
    private static KeyCreationParameters Exportable => new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };

    private readonly Key _key;

    private WebhookSigningKey(Key key)
    {
        _key = key;
        PrivateKey = PrivatePrefix + Convert.ToBase64String(key.Export(KeyBlobFormat.RawPrivateKey));
        PublicKey = PublicPrefix + Convert.ToBase64String(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>The private key's text form, <c>whsk_</c> plus base64: keep it secret, as the sender's alone.</summary>
    public string PrivateKey { get; }

    /// <summary>The public key's text form, <c>whpk_</c> plus the base64 of its 32 bytes, which receivers verify with.</summary>
    public string PublicKey { get; }

    /// <summary>Creates a new key pair from cryptographically random bytes.</summary>
    /// <returns>The new key pair.</returns>
    public static WebhookSigningKey Generate() => new(Key.Create(Algorithm, Exportable));

    /// <summary>Reads a key pair from its private key's text form.</summary>
    /// <param name="privateKey">A <see cref="PrivateKey"/>: <c>whsk_</c> plus the base64 of 32 bytes.</param>
    /// <returns>The key pair.</returns>
    /// <exception cref="FormatException">The text is not <c>whsk_</c> followed by the base64 of 32 bytes.</exception>
    public static WebhookSigningKey Parse(string privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        return TryParse(privateKey, out var key)
            ? key
            : throw new FormatException("A webhook signing key must be \"whsk_\" followed by the base64 of a 32-byte Ed25519 private key, as WebhookSigningKey.Generate() makes.");
    }

    /// <summary>Reads a key pair from its private key's text form, if it is one.</summary>
    /// <param name="privateKey">A <see cref="PrivateKey"/>: <c>whsk_</c> plus the base64 of 32 bytes.</param>
    /// <param name="key">The key pair, or null when the text is not one.</param>
    /// <returns><see langword="false"/> when the text is null or not <c>whsk_</c> followed by the base64 of 32 bytes.</returns>
    public static bool TryParse([NotNullWhen(true)] string? privateKey, [NotNullWhen(true)] out WebhookSigningKey? key)
    {
        key = TryDecode(privateKey, PrivatePrefix, out var seed)
            && Key.TryImport(Algorithm, seed, KeyBlobFormat.RawPrivateKey, out var imported, Exportable) && imported is not null
            ? new WebhookSigningKey(imported)
            : null;
        return key is not null;
    }

    /// <inheritdoc/>
    public override string ToString() => PublicKey;

    /// <summary>Writes the Ed25519 signature of <paramref name="content"/>, <see cref="SignatureBytes"/> bytes, into <paramref name="signature"/>.</summary>
    internal void Sign(ReadOnlySpan<byte> content, Span<byte> signature) => Algorithm.Sign(_key, content, signature);

    /// <summary>Reads a public key from its text form, <c>whpk_</c> plus the base64 of 32 bytes.</summary>
    internal static NSec.Cryptography.PublicKey? TryParsePublic(string? publicKey) =>
        TryDecode(publicKey, PublicPrefix, out var raw)
        && NSec.Cryptography.PublicKey.TryImport(Algorithm, raw, KeyBlobFormat.RawPublicKey, out var key) ? key : null;

    /// <summary>Verifies an Ed25519 signature of <paramref name="content"/> with <paramref name="publicKey"/>.</summary>
    internal static bool Verify(NSec.Cryptography.PublicKey publicKey, ReadOnlySpan<byte> content, ReadOnlySpan<byte> signature) =>
        Algorithm.Verify(publicKey, content, signature);

    private static bool TryDecode(string? text, string prefix, out byte[] raw)
    {
        raw = new byte[32];
        return text is not null && text.StartsWith(prefix, StringComparison.Ordinal)
            && text.Length - prefix.Length == 44
            && Convert.TryFromBase64Chars(text.AsSpan(prefix.Length), raw, out var written) && written == 32;
    }
}
