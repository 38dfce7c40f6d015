namespace Libromi.Connect.Server.Accounts.Settings;

/// <summary>
/// The calling account as <c>GET /api/v1/account</c> answers it. <c>default_region</c> (ISO 3166 alpha-2, such as
/// "GB") is the region phone numbers in national format are read in; null: only international format is accepted.
/// </summary>
public sealed record AccountView(string Id, string Name, string? DefaultRegion, DateTimeOffset CreatedAt);

/// <summary>Body of <c>PATCH /api/v1/account</c>: <c>default_region</c>, a region code or null to remove it (left out: undefined, refused).</summary>
public sealed record UpdateAccountRequest(System.Text.Json.JsonElement DefaultRegion);
