namespace Libromi.Connect.Client;

/// <summary>A new API key for <see cref="ApiKeysClient.CreateAsync"/>.</summary>
public sealed record CreateApiKeyRequest
{
    /// <summary>A name to recognise the key by; required, at most 200 characters.</summary>
    public required string Name { get; init; }

    /// <summary><c>full</c> or <c>read</c> (GET requests only). Default: <c>full</c>.</summary>
    public string? Scope { get; init; }
}
