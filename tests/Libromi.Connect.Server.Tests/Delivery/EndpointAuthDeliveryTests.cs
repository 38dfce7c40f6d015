using System.Net;
using System.Text;
using System.Text.Json;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;
using Microsoft.Extensions.Logging;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>A webhook's custom headers and its basic or bearer auth, as a real receiver gets them, and nowhere else.</summary>
public sealed class EndpointAuthDeliveryTests
{
    private const string ApiKey = "api-key-0123456789-HDRS";
    private const string Password = "pa55word-0123456789-BASC";
    private const string Token = "bearer-token-0123456789-BRER";

    [Fact]
    public async Task Custom_headers_and_basic_auth_arrive_with_every_delivery_next_to_the_platforms_own_headers()
    {
        await using var server = await TestServer.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        await client.PostOkAsync("webhooks", new
        {
            url = receiver.Url.ToString(),
            events = new[] { "contact.created" },
            headers = new Dictionary<string, string> { ["X-Api-Key"] = ApiKey, ["X-Tenant"] = "  acme  " },
            auth = new { type = "basic", username = "libromi", password = Password },
        });

        await client.CreateContactAsync("Ada", "+15550008001");
        var request = await receiver.NextAsync();

        Assert.Equal(ApiKey, request.Header("X-Api-Key"));
        Assert.Equal("acme", request.Header("X-Tenant"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"libromi:{Password}")), request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.StartsWith("Libromi-Connect-Webhooks/", request.Header("User-Agent"), StringComparison.Ordinal);
        Assert.NotEmpty(request.Header("webhook-signature"));
    }

    [Fact]
    public async Task A_bearer_token_arrives_as_the_authorization_header_and_a_custom_authorization_header_without_auth_does_too()
    {
        await using var server = await TestServer.StartAsync();
        await using var bearer = await TestReceiver.StartAsync();
        await using var custom = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        await client.PostOkAsync("webhooks", new { url = bearer.Url.ToString(), events = new[] { "contact.created" }, auth = new { type = "bearer", token = Token } });
        await client.PostOkAsync("webhooks", new { url = custom.Url.ToString(), events = new[] { "contact.created" }, headers = new Dictionary<string, string> { ["Authorization"] = "ApiKey " + ApiKey } });

        await client.CreateContactAsync("Ada", "+15550008002");

        Assert.Equal("Bearer " + Token, (await bearer.NextAsync()).Header("Authorization"));
        Assert.Equal("ApiKey " + ApiKey, (await custom.NextAsync()).Header("Authorization"));
    }

    [Fact]
    public async Task A_patch_that_round_trips_the_hints_keeps_the_secrets_the_receiver_gets_and_null_stops_sending_them()
    {
        await using var server = await TestServer.StartAsync();
        await using var receiver = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        var created = await client.PostOkAsync("webhooks", new
        {
            url = receiver.Url.ToString(),
            events = new[] { "contact.created" },
            headers = new Dictionary<string, string> { ["X-Api-Key"] = ApiKey },
            auth = new { type = "bearer", token = Token },
        });
        var id = created.Str("id");
        var read = await client.GetOkAsync($"webhooks/{id}");

        var roundTrip = await client.PatchAsync($"webhooks/{id}", JsonSerializer.Serialize(new { description = "round trip", headers = read.GetProperty("headers"), auth = read.GetProperty("auth") }));
        Assert.True(roundTrip.Status == HttpStatusCode.OK, roundTrip.Text);
        await client.CreateContactAsync("Ada", "+15550008003");
        var kept = await receiver.NextAsync();
        Assert.Equal(ApiKey, kept.Header("X-Api-Key"));
        Assert.Equal("Bearer " + Token, kept.Header("Authorization"));

        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"webhooks/{id}", """{"headers":null,"auth":null}""")).Status);
        await client.CreateContactAsync("Lin", "+15550008004");
        var removed = await receiver.NextAsync();
        Assert.False(removed.Headers.ContainsKey("X-Api-Key"));
        Assert.False(removed.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task No_secret_appears_in_any_answer_or_in_the_servers_log_after_real_deliveries()
    {
        var logs = new LogRecorder();
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" },
            configure: builder => builder.Logging.AddProvider(logs));
        await using var receiver = await TestReceiver.StartAsync();
        var calls = 0;
        receiver.Respond = _ => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? new ReceiverResponse(500) : ReceiverResponse.Ok);
        using var client = server.CreateClient();
        var (certificate, key) = SelfSignedCertificates.Create();
        var answers = new List<string>();
        var basic = await client.PostOkAsync("webhooks", new
        {
            url = receiver.Url.ToString(),
            events = new[] { "contact.created" },
            headers = new Dictionary<string, string> { ["X-Api-Key"] = ApiKey },
            auth = new { type = "basic", username = "libromi", password = Password },
        });
        answers.Add(basic.GetRawText());
        answers.Add((await client.PostOkAsync("webhooks", new { url = "https://example.com/a", events = new[] { "message.received" }, auth = new { type = "oauth2", token_url = "https://auth.example.com/t", client_id = "c", client_secret = Token } })).GetRawText());
        var mtls = await client.PostOkAsync("webhooks", new { url = "https://example.com/b", events = new[] { "message.received" }, auth = new { type = "mtls", certificate, private_key = key } });
        answers.Add(mtls.GetRawText());
        answers.Add((await client.PatchAsync($"webhooks/{mtls.Str("id")}", """{"description":"patched"}""")).Text);

        await client.CreateContactAsync("Ada", "+15550008005");
        await receiver.WaitForCountAsync(2);
        var deliveryId = await server.OnlyDeliveryIdAsync(client, basic.Str("id"));
        var delivery = await server.WaitForDeliveryAsync(client, deliveryId, d => d.Str("status") == "succeeded");
        answers.Add(delivery.GetRawText());
        answers.Add(JsonSerializer.Serialize(await client.AllAsync("webhooks")));
        answers.Add((await client.GetOkAsync($"webhooks/{basic.Str("id")}")).GetRawText());

        var basicHeader = Convert.ToBase64String(Encoding.UTF8.GetBytes($"libromi:{Password}"));
        var keyBody = key.Split('\n')[1];
        var logged = string.Join('\n', logs.Lines);
        Assert.NotEmpty(logs.Lines);
        foreach (var secret in new[] { ApiKey, Password, Token, basicHeader, keyBody })
        {
            Assert.DoesNotContain(secret, logged, StringComparison.Ordinal);
            Assert.All(answers, a => Assert.DoesNotContain(secret, a, StringComparison.Ordinal));
        }
    }
}
