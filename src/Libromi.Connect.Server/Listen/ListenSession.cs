namespace Libromi.Connect.Server.Listen;

/// <summary>
/// A <c>libromi listen</c> session: a temporary webhook of the account whose deliveries are relayed to the connected
/// CLI instead of POSTed. <see cref="Secret"/> signs them exactly as a real endpoint's deliveries are signed.
/// </summary>
public sealed record ListenSession(string Id, string Secret, IReadOnlyList<string> Events, DateTimeOffset ExpiresAt);
