using Libromi.Connect.Webhooks.Signing;

namespace Libromi.Connect.Webhooks.Verification;

/// <summary>Header look-ups of <see cref="WebhookVerifier"/>.</summary>
internal static class VerificationHeaders
{
    public static string Missing(string? id, string? timestamp, string? signature)
    {
        (string Name, string? Value)[] headers = [(WebhookHeaders.WebhookId, id), (WebhookHeaders.WebhookTimestamp, timestamp), (WebhookHeaders.WebhookSignature, signature)];
        return string.Join(", ", headers.Where(header => string.IsNullOrEmpty(header.Value)).Select(header => header.Name));
    }

    public static string? Find(IReadOnlyDictionary<string, string> headers, string name)
    {
        if (headers.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var (key, candidate) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return null;
    }
}
