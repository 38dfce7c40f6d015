namespace Libromi.Connect.Server.Accounts;

/// <summary>
/// An API key as lists show it: never the key or its hash, only its first characters (<c>prefix</c>; null for a key
/// created before prefixes were kept). <c>Key</c> is set only in the answer that creates it, the one time it is shown.
/// </summary>
public sealed record ApiKey(string Id, string? Prefix, string Name, string Scope, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt)
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Key { get; init; }
}
