namespace Libromi.Connect.Server.Listen;

/// <summary>A listen session as the dashboard lists it: never its secret.</summary>
public sealed record ListenSessionView(string Id, IReadOnlyList<string> Events, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt);
