using System.Security.Cryptography;
using System.Text;
using Libromi.Connect.Testing;
using Libromi.Connect.Webhooks.Signing;
using Libromi.Connect.Webhooks.Verification;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>After a rotation the old secret keeps signing next to the new one for the grace period.</summary>
public sealed class SecretRotationTests
{
    [Fact]
    public async Task During_the_grace_period_both_secrets_sign_and_afterwards_only_the_new_one()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(time: clock);
        await using var receiver = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        var (webhookId, oldSecret) = await client.CreateWebhookAsync(receiver.Url, "contact.created");

        var rotated = await client.PostOkAsync($"webhooks/{webhookId}/rotate-secret");
        var newSecret = rotated.Str("secret");
        Assert.NotEqual(oldSecret, newSecret);
        Assert.StartsWith(WebhookSecret.Prefix, newSecret, StringComparison.Ordinal);
        Assert.Equal(clock.GetUtcNow().AddHours(24), rotated.GetProperty("previous_secret_expires_at").GetDateTimeOffset(), TimeSpan.FromSeconds(1));

        await client.CreateContactAsync("Ada", "+15550000050");
        var during = await receiver.NextAsync();
        Assert.Equal(2, during.Header(WebhookHeaders.WebhookSignature).Split(' ').Length);
        Assert.True(Verify(during, newSecret), "the new secret must verify during the grace period");
        Assert.True(Verify(during, oldSecret), "the old secret must verify during the grace period");
        // The seed's single-valued header keeps using the old secret until the grace period ends.
        Assert.Equal(Hmac(oldSecret, during.Body), during.Header(WebhookHeaders.Signature));

        clock.Advance(TimeSpan.FromHours(24.1));
        await client.CreateContactAsync("Bob", "+15550000051");
        var after = await receiver.NextAsync();
        Assert.Single(after.Header(WebhookHeaders.WebhookSignature).Split(' '));
        Assert.True(Verify(after, newSecret));
        Assert.False(Verify(after, oldSecret));
        Assert.Equal(Hmac(newSecret, after.Body), after.Header(WebhookHeaders.Signature));
    }

    private static bool Verify(ReceivedRequest request, string secret)
    {
        var standardOnly = request.Headers.Where(h => !h.Key.Equals(WebhookHeaders.Signature, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        return new WebhookVerifier(new WebhookVerifierOptions { Secrets = [secret], TimeProvider = TimeProvider.System, Tolerance = TimeSpan.FromDays(3) })
            .Verify(request.Body, standardOnly).IsValid;
    }

    private static string Hmac(string secret, byte[] body) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
