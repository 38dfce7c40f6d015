using System.Text;
using Libromi.Connect.Webhooks.Signing;

namespace Libromi.Connect.Webhooks.Verification;

/// <summary>One configured secret, with the key bytes each scheme derives from it.</summary>
internal sealed class VerificationKey
{
    public VerificationKey(string secret)
    {
        LibromiKey = Encoding.UTF8.GetBytes(secret);
        StandardKey = WebhookSecret.TryGetStandardKey(secret, out var key) ? key : null;
    }

    public byte[] LibromiKey { get; }

    /// <summary>Null when the secret is not in <c>whsec_</c> form, so it cannot sign Standard Webhooks.</summary>
    public byte[]? StandardKey { get; }
}
