using System.Security.Cryptography;
using System.Text;

namespace Libromi.Connect.Webhooks.Signing;

/// <summary>
/// Signs webhook bodies for one endpoint, in both schemes receivers may check: the original
/// <see cref="WebhookHeaders.Signature"/> and Standard Webhooks' <see cref="WebhookHeaders.WebhookSignature"/>.
/// Key bytes are derived once, so signing allocates nothing but the returned strings.
/// </summary>
public sealed class WebhookSigner
{
    /// <summary>Length of one <c>v1,</c> entry: the prefix and 44 base64 chars of a SHA-256 MAC.</summary>
    private const int StandardEntryLength = 3 + 44;

    /// <summary>Length of one <c>v1a,</c> entry: the prefix and 88 base64 chars of an Ed25519 signature.</summary>
    private const int AsymmetricEntryLength = 4 + 88;

    private readonly byte[] _libromiKey;
    private readonly byte[][] _standardKeys;
    private readonly WebhookSigningKey[] _signingKeys;

    /// <summary>Creates a signer for the current secret and any secrets being rotated out.</summary>
    /// <param name="secret">The current secret, <c>whsec_</c> plus base64, as made by <see cref="WebhookSecret.Generate"/>.</param>
    /// <param name="previousSecrets">
    /// Older secrets still accepted by receivers mid-rotation; each adds one Standard Webhooks signature.
    /// Default: none.
    /// </param>
    /// <exception cref="ArgumentException">A secret is not <c>whsec_</c> followed by non-empty base64.</exception>
    public WebhookSigner(string secret, params IReadOnlyList<string> previousSecrets)
        : this(secret, previousSecrets, [])
    {
    }

    /// <summary>
    /// Creates a signer that also signs with Ed25519 key pairs: each adds a <c>v1a,&lt;base64&gt;</c> entry to
    /// <see cref="SignStandard"/>, after the <c>v1</c> entries.
    /// </summary>
    /// <param name="secret">The current secret, <c>whsec_</c> plus base64, as made by <see cref="WebhookSecret.Generate"/>.</param>
    /// <param name="previousSecrets">Older secrets still accepted by receivers mid-rotation; may be empty.</param>
    /// <param name="signingKeys">The current key pair first, then any being rotated out; may be empty.</param>
    /// <exception cref="ArgumentException">A secret is not <c>whsec_</c> followed by non-empty base64.</exception>
    public WebhookSigner(string secret, IReadOnlyList<string> previousSecrets, IReadOnlyList<WebhookSigningKey> signingKeys)
    {
        ArgumentNullException.ThrowIfNull(signingKeys);
        _signingKeys = [.. signingKeys];
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(previousSecrets);
        LibromiSigningSecret = secret;
        _libromiKey = Encoding.UTF8.GetBytes(secret);
        _standardKeys = new byte[previousSecrets.Count + 1][];
        _standardKeys[0] = KeyOf(secret, nameof(secret));
        for (var i = 0; i < previousSecrets.Count; i++)
        {
            _standardKeys[i + 1] = KeyOf(previousSecrets[i], nameof(previousSecrets));
        }
    }

    /// <summary>
    /// The secret whose UTF-8 bytes, exactly as given and prefix included, key <see cref="SignLibromi"/>:
    /// always the constructor's current secret, because that header can carry only one signature.
    /// </summary>
    public string LibromiSigningSecret { get; }

    /// <summary>
    /// Computes the <see cref="WebhookHeaders.Signature"/> value: lowercase hex HMAC-SHA256 of the exact body bytes,
    /// keyed with the UTF-8 bytes of <see cref="LibromiSigningSecret"/>.
    /// </summary>
    /// <param name="body">The bytes sent as the request body.</param>
    /// <returns>64 lowercase hex characters.</returns>
    public string SignLibromi(ReadOnlySpan<byte> body)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_libromiKey, body, mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>
    /// Computes the <see cref="WebhookHeaders.WebhookSignature"/> value: <c>v1,&lt;base64 HMAC-SHA256 of
    /// "{messageId}.{timestampSeconds}.{body}"&gt;</c> for the current secret, then one per previous secret, then
    /// <c>v1a,&lt;base64 Ed25519 signature of the same content&gt;</c> per signing key, separated by spaces.
    /// </summary>
    /// <param name="messageId">The <see cref="WebhookHeaders.WebhookId"/> value sent with the request.</param>
    /// <param name="timestampSeconds">The <see cref="WebhookHeaders.WebhookTimestamp"/> value, in Unix seconds.</param>
    /// <param name="body">The bytes sent as the request body.</param>
    /// <returns>The header value.</returns>
    public string SignStandard(string messageId, long timestampSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        using var content = new SignedContent(messageId, timestampSeconds, body, stackalloc byte[SignedContent.StackLimit]);
        var length = (_standardKeys.Length * (StandardEntryLength + 1)) + (_signingKeys.Length * (AsymmetricEntryLength + 1)) - 1;
        Span<char> header = length <= 1024 ? stackalloc char[length] : new char[length];
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var at = 0;
        foreach (var key in _standardKeys)
        {
            if (at > 0)
            {
                header[at++] = ' ';
            }

            HMACSHA256.HashData(key, content.Bytes, mac);
            "v1,".CopyTo(header[at..]);
            Convert.TryToBase64Chars(mac, header[(at + 3)..], out var written);
            at += 3 + written;
        }

        Span<byte> signature = stackalloc byte[WebhookSigningKey.SignatureBytes];
        foreach (var key in _signingKeys)
        {
            key.Sign(content.Bytes, signature);
            " v1a,".CopyTo(header[at..]);
            Convert.TryToBase64Chars(signature, header[(at + 5)..], out var written);
            at += 5 + written;
        }

        return new string(header);
    }

    private static byte[] KeyOf(string secret, string parameterName) =>
        WebhookSecret.TryGetStandardKey(secret, out var key)
            ? key
            : throw new ArgumentException("A webhook secret must be \"whsec_\" followed by non-empty base64, as WebhookSecret.Generate() makes.", parameterName);
}
