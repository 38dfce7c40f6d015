using System.Security.Cryptography;

namespace Libromi.Connect.Webhooks.Signing;

/// <summary>
/// Endpoint secrets in the Standard Webhooks format: <c>whsec_</c> followed by base64 key bytes.
/// </summary>
public static class WebhookSecret
{
    /// <summary>The prefix every generated secret starts with: <c>whsec_</c>.</summary>
    public const string Prefix = "whsec_";

    /// <summary>Key length of generated secrets, in bytes: 32, the HMAC-SHA256 block-safe size.</summary>
    private const int KeyBytes = 32;

    /// <summary>Creates a new secret from 32 cryptographically random bytes.</summary>
    /// <returns><c>whsec_</c> followed by the base64 of the key.</returns>
    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>
    /// Extracts the Standard Webhooks HMAC key: the base64-decoded part after <c>whsec_</c>.
    /// </summary>
    /// <param name="secret">A secret such as one from <see cref="Generate"/>.</param>
    /// <param name="key">The key bytes, or an empty array when the secret is malformed.</param>
    /// <returns>
    /// <see langword="false"/> when the prefix is missing, the rest is not base64, or it decodes to nothing.
    /// </returns>
    public static bool TryGetStandardKey(string? secret, out byte[] key)
    {
        key = [];
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var encoded = secret.AsSpan(Prefix.Length);
        var buffer = new byte[(encoded.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64Chars(encoded, buffer, out var written) || written == 0)
        {
            return false;
        }

        key = buffer[..written];
        return true;
    }
}
