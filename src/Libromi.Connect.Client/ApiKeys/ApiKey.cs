namespace Libromi.Connect.Client;

/// <summary>An API key of the account, as <c>/api/v1/api-keys</c> answers it.</summary>
public sealed record ApiKey
{
    /// <summary>The key's id (<c>key_…</c>), which <see cref="ApiKeysClient.RevokeAsync"/> takes.</summary>
    public required string Id { get; init; }

    /// <summary>The key's first characters (<c>lbk_AbCd</c>), to tell keys apart; null for a key created before prefixes were kept.</summary>
    public string? Prefix { get; init; }

    /// <summary>The name given at creation.</summary>
    public required string Name { get; init; }

    /// <summary><c>full</c> (everything) or <c>read</c> (GET requests only).</summary>
    public required string Scope { get; init; }

    /// <summary>When the key was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the key was last used, to the minute; null when never.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>The key itself: set only in the answer of <see cref="ApiKeysClient.CreateAsync"/>, the one time it is shown.</summary>
    public string? Key { get; init; }
}
