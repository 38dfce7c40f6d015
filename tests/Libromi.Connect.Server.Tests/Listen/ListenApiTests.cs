using System.Net;
using System.Text;
using Libromi.Connect.Server.Tests.Delivery;
using Libromi.Connect.Testing;
using Libromi.Connect.Webhooks.Verification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Libromi.Connect.Server.Tests.Listen;

/// <summary>The server side of <c>libromi listen</c>: a session streams signed deliveries and records what the CLI reports.</summary>
public sealed class ListenApiTests
{
    [Fact]
    public async Task A_session_streams_signed_deliveries_and_the_reported_local_answer_is_logged_as_the_attempt()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.CreateClient();
        using var streaming = server.CreateClient();
        streaming.Timeout = Timeout.InfiniteTimeSpan;
        var session = await client.PostOkAsync("listen", new { events = new[] { "contact.created" } });
        await using var stream = await SseStream.OpenAsync(streaming, session.Str("id"));

        await client.CreateContactAsync("Ada", "+15550000070");
        var (name, delivery) = await stream.NextAsync();

        Assert.Equal("delivery", name);
        Assert.Equal("contact.created", delivery.Str("event_type"));
        var headers = delivery.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
        var body = Encoding.UTF8.GetBytes(delivery.Str("body"));
        var verified = new WebhookVerifier(new WebhookVerifierOptions { Secrets = [session.Str("secret")] }).Verify(body, headers);
        Assert.True(verified.IsValid, verified.Message);
        Assert.Equal("application/json", headers["Content-Type"]);

        var (status, _) = await client.SendJsonAsync(HttpMethod.Post, $"listen/{session.Str("id")}/results",
            new { ticket = delivery.Str("ticket"), status_code = 204, duration_ms = 7, response_body = "handled locally" });
        Assert.Equal(HttpStatusCode.Accepted, status);
        var logged = await server.WaitForDeliveryAsync(client, delivery.Str("delivery_id"), d => d.Str("status") == "succeeded");
        var attempt = Assert.Single(logged.GetProperty("attempts").EnumerateArray());
        Assert.Equal(204, attempt.GetProperty("status_code").GetInt32());
        Assert.Equal(7, attempt.GetProperty("duration_ms").GetInt32());
        Assert.Equal("handled locally", attempt.Str("response_body"));
    }

    [Fact]
    public async Task What_happens_while_nobody_listens_is_delivered_when_the_listener_reconnects()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.CreateClient();
        using var streaming = server.CreateClient();
        streaming.Timeout = Timeout.InfiniteTimeSpan;
        var sessionId = (await client.PostOkAsync("listen", new { })).Str("id");

        await client.CreateContactAsync("Ada", "+15550000071");
        var missed = await server.WaitForDeliveryAsync(client, await server.OnlyDeliveryIdAsync(client, sessionId), d => d.GetProperty("attempt_count").GetInt32() >= 1);
        Assert.Equal("listener_disconnected", missed.GetProperty("attempts")[0].Str("error_kind"));

        await using var stream = await SseStream.OpenAsync(streaming, sessionId);
        var (_, delivery) = await stream.NextAsync();
        Assert.Equal(missed.Str("id"), delivery.Str("delivery_id"));
        await client.PostOkAsync($"listen/{sessionId}/results", new { ticket = delivery.Str("ticket"), status_code = 200 });
        await server.WaitForDeliveryAsync(client, missed.Str("id"), d => d.Str("status") == "succeeded");
    }

    [Fact]
    public async Task Sessions_are_not_listed_as_webhooks_and_another_account_cannot_stream_one()
    {
        await using var server = await TestServer.StartAsync();
        using var client = server.CreateClient();
        var sessionId = (await client.PostOkAsync("listen", new { })).Str("id");
        using var stranger = server.CreateClient(await server.CreateAccountAsync());

        Assert.Equal(0, (await client.GetOkAsync("webhooks")).GetProperty("data").GetArrayLength());
        var (status, _) = await stranger.SendJsonAsync(HttpMethod.Get, $"listen/{sessionId}/stream");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"listen/{sessionId}")).StatusCode);
    }

    [Fact]
    public async Task Stopping_the_server_ends_open_streams_instead_of_waiting_for_them_to_finish()
    {
        // No shutdown timeout: a stop that waited for open streams would never end, instead of ending after a while.
        await using var server = await TestServer.StartAsync(configure: b => b.Services.Configure<HostOptions>(o => o.ShutdownTimeout = Timeout.InfiniteTimeSpan));
        using var client = server.CreateClient();
        using var streaming = server.CreateClient();
        streaming.Timeout = Timeout.InfiniteTimeSpan;
        var sessionId = (await client.PostOkAsync("listen", new { })).Str("id");
        await using var stream = await SseStream.OpenAsync(streaming, sessionId);

        await server.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));

        // The stream must end (or break), not merely stay quiet until the read gives up.
        var ended = await Record.ExceptionAsync(() => stream.NextAsync(TimeSpan.FromSeconds(5)));
        Assert.True(ended is EndOfStreamException or IOException or HttpRequestException, $"The stream did not end: {ended}");
    }
}
