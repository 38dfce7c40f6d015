using System.Text.Json.Serialization;

namespace Libromi.Connect.Client;

/// <summary>The calling account, as <c>GET /api/v1/account</c> answers it.</summary>
public sealed record Account
{
    /// <summary>The account's id (<c>acc_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The account's name.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The region (ISO 3166 alpha-2, such as <c>GB</c>) phone numbers in national format are read in; null when only
    /// international format (<c>+44 7700 900123</c>) is accepted.
    /// </summary>
    public string? DefaultRegion { get; init; }

    /// <summary>When the account was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Body of <c>PATCH /api/v1/account</c>; a null region is sent as null, which removes it.</summary>
internal sealed record UpdateAccountRequest([property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? DefaultRegion);
