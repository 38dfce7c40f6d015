namespace Libromi.Connect.Client;

/// <summary>
/// A <c>libromi listen</c> session from <see cref="ListenClient.StartAsync"/>: a temporary webhook of the account whose
/// deliveries are streamed to the caller instead of POSTed to a URL. It is not listed among the webhooks.
/// </summary>
public sealed record ListenSession
{
    /// <summary>The session's id, starting with <c>whk_</c>; also the webhook id its deliveries are logged under.</summary>
    public required string Id { get; init; }

    /// <summary>The signing secret (<c>whsec_…</c>) the session's deliveries are signed with, exactly as a webhook's are.</summary>
    public required string Secret { get; init; }

    /// <summary>The event types the session receives, or <c>["*"]</c> for the platform's five (not the operational ones).</summary>
    public required IReadOnlyList<string> Events { get; init; }

    /// <summary>When the session ends unless a listener connects again; each connection pushes this back (24 h on a default server).</summary>
    public DateTimeOffset ExpiresAt { get; init; }
}
