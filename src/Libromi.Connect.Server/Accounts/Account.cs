namespace Libromi.Connect.Server.Accounts;

/// <summary>An account (tenant) as the admin API shows it; <c>disabled_at</c> is null while it is enabled.</summary>
public sealed record Account(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt);
