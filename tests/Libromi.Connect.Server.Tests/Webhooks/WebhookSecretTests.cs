using System.Net;
using System.Text.Json;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Webhooks;

/// <summary>A webhook's signing secret is answered by create, rotate-secret and GET /webhooks/{id}/secret only.</summary>
public sealed class WebhookSecretTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Reading_listing_and_patching_a_webhook_never_answer_its_secret()
    {
        var client = await fixture.NewTenantAsync();
        var created = await client.WebhookAsync("https://example.com/webhook");
        var id = created.Str("id");
        Assert.StartsWith("whsec_", created.Str("secret"), StringComparison.Ordinal);

        var read = await client.GetOkAsync($"webhooks/{id}");
        var listed = Assert.Single((await client.GetOkAsync("webhooks")).GetProperty("data").EnumerateArray());
        var patched = await client.PatchAsync($"webhooks/{id}", """{"description":"CRM"}""");

        Assert.Equal(HttpStatusCode.OK, patched.Status);
        foreach (var webhook in new[] { read, listed, patched.Json })
        {
            Assert.Equal(id, webhook.Str("id"));
            Assert.False(webhook.TryGetProperty("secret", out _), $"No secret expected in {webhook}");
            Assert.False(webhook.TryGetProperty("previous_secret", out _), $"No previous secret expected in {webhook}");
        }
        Assert.DoesNotContain(created.Str("secret"), (await client.GetAnswerAsync("webhooks")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_secret_endpoint_answers_the_current_secret()
    {
        var client = await fixture.NewTenantAsync();
        var created = await client.WebhookAsync();

        var secret = await client.GetOkAsync($"webhooks/{created.Str("id")}/secret");

        Assert.Equal(created.Str("secret"), secret.Str("secret"));
        Assert.Equal(JsonValueKind.Null, secret.GetProperty("previous_secret").ValueKind);
        Assert.Equal(JsonValueKind.Null, secret.GetProperty("previous_secret_expires_at").ValueKind);
    }

    [Fact]
    public async Task During_the_grace_period_the_secret_endpoint_also_answers_the_previous_secret_and_afterwards_only_the_current_one()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(time: clock);
        using var client = server.CreateClient();
        var created = await client.WebhookAsync();
        var id = created.Str("id");

        var rotated = await client.PostOkAsync($"webhooks/{id}/rotate-secret");
        var during = await client.GetOkAsync($"webhooks/{id}/secret");
        clock.Advance(TimeSpan.FromHours(24));
        var after = await client.GetOkAsync($"webhooks/{id}/secret");

        Assert.NotEqual(created.Str("secret"), rotated.Str("secret"));
        Assert.Equal((rotated.Str("secret"), created.Str("secret")), (during.Str("secret"), during.Str("previous_secret")));
        Assert.Equal(rotated.Str("previous_secret_expires_at"), during.Str("previous_secret_expires_at"));
        Assert.Equal(rotated.Str("secret"), after.Str("secret"));
        Assert.Equal(JsonValueKind.Null, after.GetProperty("previous_secret").ValueKind);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("previous_secret_expires_at").ValueKind);
    }

    [Fact]
    public async Task Another_accounts_webhook_or_a_listen_session_has_no_secret_to_read()
    {
        var owner = await fixture.NewTenantAsync();
        var stranger = await fixture.NewTenantAsync();
        var webhook = await owner.WebhookAsync();
        var session = await owner.PostOkAsync("listen", new { });

        (await stranger.GetAnswerAsync($"webhooks/{webhook.Str("id")}/secret")).AssertProblem(HttpStatusCode.NotFound);
        (await owner.GetAnswerAsync($"webhooks/{session.Str("id")}/secret")).AssertProblem(HttpStatusCode.NotFound);
        (await owner.GetAnswerAsync("webhooks/whk_missing/secret")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_replayed_create_answers_the_secret_it_created()
    {
        var client = await fixture.NewTenantAsync();
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "create-hook" };
        var body = """{"url":"https://example.com/webhook","events":["*"]}""";

        var first = await client.PostAsync("webhooks", body, headers);
        var replayed = await client.PostAsync("webhooks", body, headers);

        Assert.Equal("true", replayed.Header("Idempotent-Replayed"));
        Assert.Equal(first.Json.Str("secret"), replayed.Json.Str("secret"));
        Assert.Equal(first.Json.Str("secret"), (await client.GetOkAsync($"webhooks/{first.Json.Str("id")}/secret")).Str("secret"));
    }
}
