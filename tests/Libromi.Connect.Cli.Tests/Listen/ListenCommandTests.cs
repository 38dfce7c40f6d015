using System.Text.RegularExpressions;
using Libromi.Connect.Cli.Tests.Support;
using Libromi.Connect.Client;
using Libromi.Connect.Testing;
using Libromi.Connect.Webhooks.Verification;

namespace Libromi.Connect.Cli.Tests.Listen;

public sealed partial class ListenCommandTests
{
    [Fact]
    public async Task A_triggered_event_reaches_the_local_url_signed_with_the_printed_secret_and_the_reported_answer_is_logged()
    {
        await using var server = await TestServer.StartAsync(ServerFixture.FastRetries);
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(new ReceiverResponse(200, Body: "handled by the local app"));
        await using var listen = ListenRun.Start(server, "--forward-to", receiver.Url.ToString(), "--events", "message.received");
        var ready = await listen.Output.WaitForAsync(t => t.Contains("Ready!", StringComparison.Ordinal), "the Ready! line");
        var secret = SecretPattern().Match(ready).Value;
        var sessionId = SessionPattern().Match(ready).Groups[1].Value;

        var trigger = await CliRunner.RunOkAsync(server, "trigger", "message.received");
        var forwarded = await receiver.NextAsync();

        Assert.Contains("Triggered message.received", trigger.Output, StringComparison.Ordinal);
        var verified = new WebhookVerifier(new WebhookVerifierOptions { Secrets = [secret] }).Verify(forwarded.Body, forwarded.Headers);
        Assert.True(verified.IsValid, verified.Message);
        Assert.Equal("application/json", forwarded.Header("Content-Type"));
        var eventId = forwarded.Json.GetProperty("id").GetString()!;
        Assert.Equal("message.received", forwarded.Json.GetProperty("type").GetString());
        await listen.Output.WaitForAsync(t => Regex.IsMatch(t, $@"message\.received\s+{eventId}\s+\[200\]\s+\d+ ms"), "the line for the event");

        var client = ServerFixture.ClientFor(server);
        var delivery = Assert.Single(await client.Deliveries.ListAsync(sessionId).ToListAsync());
        var logged = await server.WaitForDeliveriesAsync(() => client.Deliveries.GetAsync(delivery.Id), d => d.Status == DeliveryStatus.Succeeded);
        var attempt = Assert.Single(logged.Attempts!);
        Assert.Equal((200, "handled by the local app"), (attempt.StatusCode, attempt.ResponseBody));

        Assert.Equal(0, await listen.StopAsync());
        Assert.Contains($"Ended listen session {sessionId}", listen.Error.Text, StringComparison.Ordinal);
        var ended = await Assert.ThrowsAsync<LibromiApiException>(async () => await client.Listen.StreamAsync(sessionId).ToListAsync());
        Assert.Equal(404, ended.Status);
    }

    [Fact]
    public async Task After_a_server_restart_listen_reconnects_to_its_session_and_later_events_still_arrive()
    {
        await using var server = await TestServer.StartAsync(ServerFixture.FastRetries);
        await using var receiver = await TestReceiver.StartAsync();
        await using var listen = ListenRun.Start(server, "--forward-to", receiver.Url.ToString());
        await listen.Output.WaitForAsync(t => t.Contains("Ready!", StringComparison.Ordinal), "the Ready! line");

        await server.RestartAsync();
        var created = await CliRunner.RunOkAsync(server, "trigger", "contact.created", "--output", "json");
        var contactId = created.Json.GetProperty("ids").GetProperty("contact_id").GetString()!;

        var forwarded = await receiver.NextAsync();
        Assert.Equal("contact.created", forwarded.Json.GetProperty("type").GetString());
        Assert.Equal(contactId, forwarded.Json.GetProperty("data").GetProperty("contact").GetProperty("id").GetString());
        await listen.Error.WaitForAsync(t => t.Contains("Reconnected", StringComparison.Ordinal), "the reconnection");
        await listen.Output.WaitForAsync(t => Regex.IsMatch(t, @"contact\.created\s+evt_\S+\s+\[200\]"), "the line for the event");
        Assert.Equal(0, await listen.StopAsync());
    }

    [Fact]
    public async Task A_local_url_that_refuses_connections_is_reported_as_an_error_attempt()
    {
        await using var server = await TestServer.StartAsync(ServerFixture.FastRetries);
        await using var listen = ListenRun.Start(server, "--forward-to", "http://127.0.0.1:1/webhook", "--events", "contact.created", "--output", "json");
        var started = await listen.Output.WaitForAsync(t => t.Contains("session_id", StringComparison.Ordinal), "the session line");
        var sessionId = SessionIdJson().Match(started).Groups[1].Value;

        await CliRunner.RunOkAsync(server, "trigger", "contact.created");

        await listen.Output.WaitForAsync(t => t.Contains("\"error\":\"Could not reach", StringComparison.Ordinal), "the error line");
        var client = ServerFixture.ClientFor(server);
        var delivery = (await client.Deliveries.ListAsync(sessionId).ToListAsync())[0];
        var logged = await server.WaitForDeliveriesAsync(() => client.Deliveries.GetAsync(delivery.Id), d => d.Attempts!.Count > 0);
        Assert.Equal(("connection_error", null), (logged.Attempts![0].ErrorKind, logged.Attempts[0].StatusCode));
        Assert.Equal(0, await listen.StopAsync());
    }

    [Fact]
    public async Task Local_response_headers_beyond_what_the_server_logs_are_left_out_so_the_answer_is_still_logged()
    {
        await using var server = await TestServer.StartAsync(ServerFixture.FastRetries);
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(new ReceiverResponse(200, Headers: new Dictionary<string, string>
        {
            ["X-Huge"] = new('h', 5000),
            ["X-Small"] = "yes",
        }));
        await using var listen = ListenRun.Start(server, "--forward-to", receiver.Url.ToString(), "--events", "contact.created", "--output", "json");
        var started = await listen.Output.WaitForAsync(t => t.Contains("session_id", StringComparison.Ordinal), "the session line");
        var sessionId = SessionIdJson().Match(started).Groups[1].Value;

        await CliRunner.RunOkAsync(server, "trigger", "contact.created");

        var client = ServerFixture.ClientFor(server);
        var delivery = await server.WaitForDeliveriesAsync(async () => await client.Deliveries.ListAsync(sessionId).ToListAsync(), d => d.Count == 1);
        var logged = await server.WaitForDeliveriesAsync(() => client.Deliveries.GetAsync(delivery[0].Id), d => d.Status == DeliveryStatus.Succeeded);
        var headers = logged.Attempts![0].ResponseHeaders!.Value;
        Assert.Equal("yes", headers.GetProperty("X-Small").GetString());
        Assert.False(headers.TryGetProperty("X-Huge", out _));
        Assert.DoesNotContain("Could not report", listen.Error.Text, StringComparison.Ordinal);
        Assert.Equal(0, await listen.StopAsync());
    }

    [GeneratedRegex(@"whsec_\S+")]
    private static partial Regex SecretPattern();

    [GeneratedRegex(@"\(session (whk_[^)]+)\)")]
    private static partial Regex SessionPattern();

    [GeneratedRegex("\"session_id\":\"(whk_[^\"]+)\"")]
    private static partial Regex SessionIdJson();
}
