namespace Libromi.Connect.Client;

/// <summary>
/// What <see cref="WebhooksClient.GetSecretAsync"/> answers: the secret that signs a webhook's deliveries and, during the
/// grace period after <see cref="WebhooksClient.RotateSecretAsync"/>, the previous secret that still signs too.
/// </summary>
public sealed record WebhookSigningSecret
{
    /// <summary>The current signing secret (<c>whsec_…</c>).</summary>
    public required string Secret { get; init; }

    /// <summary>The secret replaced by the last rotation while it still signs; null otherwise.</summary>
    public string? PreviousSecret { get; init; }

    /// <summary>Until when <see cref="PreviousSecret"/> signs; null when there is none.</summary>
    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }
}
