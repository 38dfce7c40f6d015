using System.Globalization;
using System.Net;
using System.Text;
using Libromi.Connect.Testing;
using Libromi.Connect.Webhooks.AspNetCore;
using Libromi.Connect.Webhooks.Events;
using Libromi.Connect.Webhooks.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Webhooks.Tests.AspNetCore;

/// <summary>The receiver's memory of event ids over real HTTP, on a fake clock shared by the verifier and the store.</summary>
public sealed class ReceiverIdempotencyTests : IAsyncLifetime
{
    private readonly string _secret = WebhookSecret.Generate();
    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private readonly HandledEvents _handled = new();
    private readonly HttpClient _http = new();
    private ReceiverApp _receiver = null!;

    public async Task InitializeAsync() =>
        _receiver = await ReceiverApp.StartAsync(options =>
        {
            options.Secrets = [_secret];
            options.IdempotencyStore = new MemoryWebhookIdempotencyStore(capacity: 2, timeProvider: _time, tolerance: options.Tolerance);
            options.On<ContactCreated>((e, _) => _handled.Record(e));
        }, _time);

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task With_the_store_full_of_ids_a_replay_could_still_verify_a_new_event_gets_503_until_the_oldest_leaves_the_window()
    {
        using (var first = await PostSignedAsync("evt_1"))
        using (var second = await PostSignedAsync("evt_2"))
        {
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        }

        await _handled.WaitForCountAsync(2);
        // The ids' time in the store counts from completion, which is logged after the handler has returned.
        await _receiver.Logs.WaitForAsync(lines => lines.Count(l => l.Contains("Handled contact.created event", StringComparison.Ordinal)) == 2);

        using (var refused = await PostSignedAsync("evt_3"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromMinutes(10), refused.Headers.RetryAfter?.Delta);
        }

        using (var replay = await _receiver.ReplayAsync(_receiver.Received[0]))
        {
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        }

        Assert.Contains(_receiver.Logs.Lines, l => l.Contains("event evt_1 again without processing", StringComparison.Ordinal));
        _time.Advance(TimeSpan.FromMinutes(10));
        using (var stale = await _receiver.ReplayAsync(_receiver.Received[0]))
        using (var accepted = await PostSignedAsync("evt_3"))
        {
            Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (stale.StatusCode, accepted.StatusCode));
        }

        var all = await _handled.WaitForCountAsync(3);
        Assert.Equal(["evt_1", "evt_2", "evt_3"], all.Select(e => e.Id));
    }

    [Fact]
    public void Mapping_with_a_memory_store_that_forgets_ids_sooner_than_the_tolerance_allows_fails_at_startup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddLibromiWebhooks();
        using var app = builder.Build();

        var mismatch = Assert.Throws<InvalidOperationException>(() => app.MapLibromiWebhooks("/webhook", options =>
        {
            options.Secrets = [_secret];
            options.Tolerance = TimeSpan.FromMinutes(30);
            options.IdempotencyStore = new MemoryWebhookIdempotencyStore();
        }));

        Assert.Contains("tolerance: options.Tolerance", mismatch.Message, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> PostSignedAsync(string eventId)
    {
        var body = Encoding.UTF8.GetBytes(
            """{"id":"ID","type":"contact.created","created_at":"2026-01-31T12:00:00.000Z","data":{"contact":{"id":"con_1","name":"Ada","phone":"+441234567890","email":null,"attributes":{},"created_at":"2026-01-31T12:00:00.000Z","updated_at":"2026-01-31T12:00:00.000Z"}}}"""
                .Replace("\"ID\"", $"\"{eventId}\"", StringComparison.Ordinal));
        var signer = new WebhookSigner(_secret);
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, _receiver.Url) { Content = new ByteArrayContent(body) };
        request.Headers.Add(WebhookHeaders.WebhookId, eventId);
        request.Headers.Add(WebhookHeaders.WebhookTimestamp, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookHeaders.WebhookSignature, signer.SignStandard(eventId, timestamp, body));
        request.Headers.Add(WebhookHeaders.Signature, signer.SignLibromi(body));
        return SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            return await _http.SendAsync(request);
        }
    }
}
