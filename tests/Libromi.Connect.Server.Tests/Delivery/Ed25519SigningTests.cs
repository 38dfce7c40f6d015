using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;
using Libromi.Connect.Webhooks.Signing;
using Libromi.Connect.Webhooks.Verification;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>An <c>ed25519</c> webhook's deliveries carry a <c>v1a</c> signature that its public key verifies, next to the HMACs.</summary>
public sealed class Ed25519SigningTests
{
    [Fact]
    public async Task An_ed25519_webhook_delivers_v1_and_v1a_signatures_that_the_receiver_library_and_node_verify_with_its_public_key()
    {
        var logs = new LogRecorder();
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Debug" },
            configure: builder => builder.Logging.AddProvider(logs));
        await using var receiver = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        var created = await client.PostOkAsync("webhooks", new { url = receiver.Url.ToString(), events = new[] { "contact.created" }, signing = "ed25519" });
        var publicKey = created.Str("public_key");
        Assert.Equal("ed25519", created.Str("signing"));
        Assert.StartsWith(WebhookSigningKey.PublicPrefix, publicKey, StringComparison.Ordinal);

        await client.CreateContactAsync("Ada", "+15550000060");
        var delivery = await receiver.NextAsync();

        var entries = delivery.Header(WebhookHeaders.WebhookSignature).Split(' ');
        Assert.Equal(2, entries.Length);
        Assert.StartsWith("v1,", entries[0], StringComparison.Ordinal);
        Assert.StartsWith("v1a,", entries[1], StringComparison.Ordinal);
        Assert.True(VerifiesWith(delivery, publicKey), "the receiver library must verify the v1a signature with the public key alone");
        Assert.False(VerifiesWith(delivery, WebhookSigningKey.Generate().PublicKey));
        Assert.Equal(["ok"], await NodeVerdictsAsync((delivery, publicKey)));
        Assert.Equal(Hmac(created.Str("secret"), delivery.Body), delivery.Header(WebhookHeaders.Signature));

        var privateKey = await StoredSigningKeyAsync(server, created.Str("id"));
        Assert.True(WebhookSigningKey.TryParse(privateKey, out var stored));
        Assert.Equal(publicKey, stored.PublicKey);
        string[] answers =
        [
            created.GetRawText(),
            (await client.GetOkAsync($"webhooks/{created.Str("id")}")).GetRawText(),
            (await client.GetOkAsync("webhooks")).GetRawText(),
            (await client.GetOkAsync($"webhooks/{created.Str("id")}/secret")).GetRawText(),
            (await client.PatchAsync($"webhooks/{created.Str("id")}", """{"description":"kept"}""")).Json.GetRawText(),
        ];
        var secretPart = privateKey[WebhookSigningKey.PrivatePrefix.Length..];
        Assert.All(answers, answer => Assert.DoesNotContain(secretPart, answer, StringComparison.Ordinal));
        Assert.All(logs.Lines, line => Assert.DoesNotContain(secretPart, line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_a_rotation_both_key_pairs_sign_for_the_grace_period_and_afterwards_only_the_new_one()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(time: clock);
        await using var receiver = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        var created = await client.PostOkAsync("webhooks", new { url = receiver.Url.ToString(), events = new[] { "contact.created" }, signing = "ed25519" });
        var oldKey = created.Str("public_key");

        var rotated = await client.PostOkAsync($"webhooks/{created.Str("id")}/rotate-secret");
        var newKey = rotated.Str("public_key");
        Assert.NotEqual(oldKey, newKey);
        Assert.Equal(oldKey, rotated.Str("previous_public_key"));
        Assert.Equal(oldKey, (await client.GetOkAsync($"webhooks/{created.Str("id")}")).Str("previous_public_key"));
        var newPrivateKey = (await StoredSigningKeyAsync(server, created.Str("id")))!;
        Assert.DoesNotContain(newPrivateKey[WebhookSigningKey.PrivatePrefix.Length..], rotated.GetRawText(), StringComparison.Ordinal);

        await client.CreateContactAsync("Ada", "+15550000061");
        var during = await receiver.NextAsync();
        var entries = during.Header(WebhookHeaders.WebhookSignature).Split(' ');
        Assert.Equal(["v1,", "v1,", "v1a,", "v1a,"], entries.Select(e => e[..(e.IndexOf(',', StringComparison.Ordinal) + 1)]));
        Assert.True(VerifiesWith(during, newKey), "the new key pair must sign during the grace period");
        Assert.True(VerifiesWith(during, oldKey), "the old key pair must sign during the grace period");
        Assert.Equal(["ok", "ok"], await NodeVerdictsAsync((during, newKey), (during, oldKey)));
        Assert.Equal(Hmac(created.Str("secret"), during.Body), during.Header(WebhookHeaders.Signature));

        clock.Advance(TimeSpan.FromHours(24.1));
        await client.CreateContactAsync("Bob", "+15550000062");
        var after = await receiver.NextAsync();
        Assert.Equal(2, after.Header(WebhookHeaders.WebhookSignature).Split(' ').Length);
        Assert.True(VerifiesWith(after, newKey));
        Assert.False(VerifiesWith(after, oldKey));
        Assert.Equal(["ok", "no match"], await NodeVerdictsAsync((after, newKey), (after, oldKey)));
        Assert.Equal(Hmac(rotated.Str("secret"), after.Body), after.Header(WebhookHeaders.Signature));
    }

    [Fact]
    public async Task Switching_a_webhook_to_hmac_stops_the_v1a_signature_and_switching_back_signs_with_a_new_key_pair()
    {
        await using var server = await TestServer.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        var (id, _) = await client.CreateWebhookAsync(receiver.Url, "contact.created");

        var ed25519 = (await client.PatchAsync($"webhooks/{id}", """{"signing":"ed25519"}""")).Json;
        await client.CreateContactAsync("Ada", "+15550000063");
        Assert.True(VerifiesWith(await receiver.NextAsync(), ed25519.Str("public_key")));

        var hmac = (await client.PatchAsync($"webhooks/{id}", """{"signing":"hmac"}""")).Json;
        Assert.Equal(JsonValueKind.Null, hmac.GetProperty("public_key").ValueKind);
        Assert.Null(await StoredSigningKeyAsync(server, id));
        await client.CreateContactAsync("Bob", "+15550000064");
        Assert.DoesNotContain("v1a,", (await receiver.NextAsync()).Header(WebhookHeaders.WebhookSignature), StringComparison.Ordinal);

        var again = (await client.PatchAsync($"webhooks/{id}", """{"signing":"ed25519"}""")).Json;
        Assert.NotEqual(ed25519.Str("public_key"), again.Str("public_key"));
        await client.CreateContactAsync("Cy", "+15550000065");
        var delivery = await receiver.NextAsync();
        Assert.True(VerifiesWith(delivery, again.Str("public_key")));
        Assert.False(VerifiesWith(delivery, ed25519.Str("public_key")));
    }

    internal static async Task<string?> StoredSigningKeyAsync(TestServer server, string webhookId)
    {
        await using var connection = new SqliteConnection($"Data Source={server.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT signing_key FROM webhooks WHERE id = $id";
        select.Parameters.AddWithValue("$id", webhookId);
        return await select.ExecuteScalarAsync() as string;
    }

    private static bool VerifiesWith(ReceivedRequest request, string publicKey)
    {
        var standardOnly = request.Headers.Where(h => !h.Key.Equals(WebhookHeaders.Signature, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        return new WebhookVerifier(new WebhookVerifierOptions { PublicKeys = [publicKey], TimeProvider = TimeProvider.System, Tolerance = TimeSpan.FromDays(3) })
            .Verify(request.Body, standardOnly).IsValid;
    }

    private static async Task<string[]> NodeVerdictsAsync(params (ReceivedRequest Request, string PublicKey)[] checks)
    {
        var cases = checks.Select(check => new
        {
            publicKey = check.PublicKey,
            body = Convert.ToBase64String(check.Request.Body),
            headers = new[] { WebhookHeaders.WebhookId, WebhookHeaders.WebhookTimestamp, WebhookHeaders.WebhookSignature }
                .ToDictionary(name => name, check.Request.Header),
        });
        var result = await NodeEnvironment.RunScriptAsync("verify-ed25519.js", JsonSerializer.Serialize(cases), TimeSpan.FromMinutes(1));
        return JsonSerializer.Deserialize<string[]>(result.EnsureSuccess().StandardOutput)!;
    }

    private static string Hmac(string secret, byte[] body) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
