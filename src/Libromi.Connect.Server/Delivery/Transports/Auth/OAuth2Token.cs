namespace Libromi.Connect.Server.Delivery.Transports.Auth;

/// <summary>An access token from a token endpoint and how long it lives, as the endpoint said (<c>expires_in</c>) or by default.</summary>
public sealed record OAuth2Token(string AccessToken, TimeSpan Lifetime)
{
    /// <summary>The lifetime assumed when the endpoint does not say: a token that expires sooner is dropped at the receiver's first 401.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    /// <summary>The longest a token is kept, whatever the endpoint says.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(1);

    /// <summary>
    /// How long before expiry a token is replaced: 10% of its lifetime, at least 30 s, at most half the lifetime, so a
    /// token fetched at the end of a slow attempt is still valid when the next one sends it.
    /// </summary>
    public TimeSpan RefreshMargin => TimeSpan.FromTicks(Math.Min(Math.Max(TimeSpan.FromSeconds(30).Ticks, Lifetime.Ticks / 10), Lifetime.Ticks / 2));

    public override string ToString() => $"OAuth2Token {{ Lifetime = {Lifetime} }}";
}
