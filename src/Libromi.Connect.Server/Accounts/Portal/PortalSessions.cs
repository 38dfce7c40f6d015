using System.Security.Cryptography;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Accounts.Portal;

/// <summary>
/// One-time sign-in links to the dashboard for one account (the customer portal). The link carries a random token
/// stored only as its hash; <see cref="RedeemAsync"/> gives the account once, then never again. The dashboard that
/// opens the link is not part of this: it calls <see cref="RedeemAsync"/>.
/// </summary>
public sealed class PortalSessions(Database database, TimeProvider time)
{
    public const string TokenPrefix = "lps_";
    public const string PortalPath = "dashboard/portal";
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan MinLifetime = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(1);

    public async Task<PortalSession> CreateAsync(string accountId, TimeSpan lifetime, Uri baseUrl, CancellationToken cancellationToken)
    {
        var token = TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        var expiresAt = now + lifetime;
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        // The account's expired tokens go with its next session, so the table holds about its live ones and no purge job is needed.
        await PortalSessionStore.PurgeAsync(scope, accountId, now.ToUnixTimeMilliseconds(), cancellationToken);
        await PortalSessionStore.InsertAsync(scope, ApiKeys.Hash(token), accountId, now.ToUnixTimeMilliseconds(), expiresAt.ToUnixTimeMilliseconds(), cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return new PortalSession(new Uri(new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/"), $"{PortalPath}?token={token}"), DateTimeOffset.FromUnixTimeMilliseconds(expiresAt.ToUnixTimeMilliseconds()));
    }

    /// <summary>The account the token signs into and until when, the first time it is redeemed before it expires; null ever after.</summary>
    public async Task<PortalRedemption?> RedeemAsync(string token, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        var redeemed = await PortalSessionStore.RedeemAsync(scope, ApiKeys.Hash(token), time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return redeemed;
    }
}
