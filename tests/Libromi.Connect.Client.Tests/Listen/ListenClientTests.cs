using Libromi.Connect.Testing;
using System.Text;
using Libromi.Connect.Client.Tests.Support;
using Libromi.Connect.Webhooks.Verification;

namespace Libromi.Connect.Client.Tests.Listen;

public sealed class ListenClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_session_streams_signed_deliveries_and_the_reported_answer_becomes_the_logged_attempt()
    {
        var client = await fixture.NewClientAsync();
        var session = await client.Listen.StartAsync(["contact.created"]);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var deliveries = client.Listen.StreamAsync(session.Id, connected.SetResult, stop.Token).GetAsyncEnumerator(stop.Token);
        var first = deliveries.MoveNextAsync().AsTask();
        await connected.Task.WaitAsync(stop.Token);

        var contact = await client.Contacts.CreateAsync(new() { Name = "Ada", Phone = "+15550000101" });
        Assert.True(await first);
        var delivery = deliveries.Current;

        Assert.Equal(("contact.created", 1), (delivery.EventType, delivery.Attempt));
        Assert.Contains(contact.Id, delivery.Body, StringComparison.Ordinal);
        var verified = new WebhookVerifier(new WebhookVerifierOptions { Secrets = [session.Secret] })
            .Verify(Encoding.UTF8.GetBytes(delivery.Body), delivery.Headers);
        Assert.True(verified.IsValid, verified.Message);

        await client.Listen.ReportAsync(session.Id, new()
        {
            Ticket = delivery.Ticket,
            StatusCode = 202,
            DurationMs = 9,
            ResponseBody = "queued locally",
            ResponseHeaders = new Dictionary<string, string> { ["X-Local"] = "yes" },
        });
        var logged = await fixture.Server.WaitForDeliveriesAsync(() => client.Deliveries.GetAsync(delivery.DeliveryId), d => d.Status == DeliveryStatus.Succeeded);
        var attempt = Assert.Single(logged.Attempts!);
        Assert.Equal((202, 9, "queued locally"), (attempt.StatusCode, attempt.DurationMs, attempt.ResponseBody));
        Assert.Equal("yes", attempt.ResponseHeaders!.Value.GetProperty("X-Local").GetString());
    }

    [Fact]
    public async Task An_ended_session_can_no_longer_be_streamed()
    {
        var client = await fixture.NewClientAsync();
        var session = await client.Listen.StartAsync();

        await client.Listen.EndAsync(session.Id);
        var error = await Assert.ThrowsAsync<LibromiApiException>(async () => await client.Listen.StreamAsync(session.Id).ToListAsync());

        Assert.True(error.Status == 404, error.Message);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task Starting_a_session_for_an_unknown_event_type_names_the_field()
    {
        var client = await fixture.NewClientAsync();

        var error = await Assert.ThrowsAsync<LibromiApiException>(() => client.Listen.StartAsync(["contact.exploded"]));

        Assert.Equal(422, error.Status);
        Assert.Contains("events[0]", error.Errors.Keys);
    }
}
