using System.Net.Sockets;
using System.Text;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Delivery.Engine;
using Libromi.Connect.Server.Delivery.Outcomes;
using Libromi.Connect.Server.Delivery.Transports;
using Libromi.Connect.Server.Events;
using Libromi.Connect.Testing;
using Libromi.Connect.Webhooks.Signing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Libromi.Connect.Server.Tests.Delivery.Engine;

/// <summary>The attempt runner against a real receiver over real HTTP, on a fake clock: what it sends, skips and makes of every ending.</summary>
public sealed class AttemptRunnerTests : IAsyncDisposable
{
    private static readonly WebhookSigner Signer = new("whsec_" + Convert.ToBase64String(new byte[24]));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero));
    private readonly IOptions<DeliveryOptions> _options = Options.Create(new DeliveryOptions { AllowPrivateNetworks = true });
    private readonly HttpTransport _http;
    private readonly TaskCompletionSource _answering = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _received = [];
    private readonly HostileReceiver _receiver;

    public AttemptRunnerTests()
    {
        _http = new HttpTransport(_options, _time);
        _receiver = HostileReceiver.Start(async (socket, stream, cancellationToken) =>
        {
            lock (_received)
            {
                _received.Add("request");
            }
            _answering.TrySetResult();
            if (!Stall)
            {
                await stream.WriteAsync(Encoding.Latin1.GetBytes("HTTP/1.1 204 No Content\r\nX-Seen: yes\r\n\r\n"), cancellationToken);
            }
            var sink = new byte[16];
            while (await stream.ReadAsync(sink, cancellationToken) > 0)
            {
            }
        });
    }

    private bool Stall { get; set; }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task An_answer_is_delivered_with_its_status_and_headers()
    {
        var outcome = await Runner(_http).RunAsync(Lease(), Payload("contact.created"), Target(), CancellationToken.None);

        var delivered = Assert.IsType<Delivered>(outcome);
        Assert.Equal(204, delivered.Response.StatusCode);
        Assert.Contains("\"x-seen\":\"yes\"", delivered.Response.Headers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_webhook_is_skipped_before_anything_is_sent()
    {
        var outcome = await Runner(_http).RunAsync(Lease(), Payload("contact.created"), Target(enabled: false), CancellationToken.None);

        Assert.Equal(SkipReason.WebhookDisabled, Assert.IsType<Skipped>(outcome).Reason);
        Assert.Empty(_received);
    }

    [Fact]
    public async Task A_test_event_still_goes_to_a_disabled_webhook()
    {
        var outcome = await Runner(_http).RunAsync(Lease(), Payload(EventCatalog.WebhookTest), Target(enabled: false), CancellationToken.None);

        Assert.IsType<Delivered>(outcome);
    }

    [Fact]
    public async Task A_lease_that_no_longer_covers_a_whole_attempt_is_handed_back_unsent()
    {
        var lease = Lease() with { LeaseUntil = _time.GetUtcNow() + _options.Value.Timeout - TimeSpan.FromMilliseconds(1) };

        var outcome = await Runner(_http).RunAsync(lease, Payload("contact.created"), Target(), CancellationToken.None);

        Assert.Equal(SkipReason.LeaseTooShort, Assert.IsType<Skipped>(outcome).Reason);
        Assert.Empty(_received);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_within_the_timeout_is_a_timed_out_attempt()
    {
        Stall = true;
        var running = Runner(_http).RunAsync(Lease(), Payload("contact.created"), Target(), CancellationToken.None);
        await _answering.Task;

        _time.Advance(_options.Value.Timeout);

        var failed = Assert.IsType<Failed>(await running);
        Assert.Equal(ErrorKinds.Timeout, failed.Kind);
        Assert.Equal("No complete response within 30 s.", failed.Error);
        Assert.True(failed.Retryable);
    }

    [Fact]
    public async Task Stopping_the_server_mid_attempt_hands_the_delivery_back()
    {
        Stall = true;
        using var stopping = new CancellationTokenSource();
        var running = Runner(_http).RunAsync(Lease(), Payload("contact.created"), Target(), stopping.Token);
        await _answering.Task;

        await stopping.CancelAsync();

        Assert.Equal(SkipReason.ShuttingDown, Assert.IsType<Skipped>(await running).Reason);
    }

    [Fact]
    public async Task Whatever_a_transport_throws_becomes_a_failed_attempt_that_follows_the_retry_schedule()
    {
        var outcome = await Runner(new ThrowingTransport()).RunAsync(Lease(), Payload("contact.created"), Target(), CancellationToken.None);

        var failed = Assert.IsType<Failed>(outcome);
        Assert.Equal(ErrorKinds.Internal, failed.Kind);
        Assert.True(failed.Retryable);
    }

    [Fact]
    public async Task A_webhook_of_a_kind_without_a_transport_fails_its_attempt_and_says_so()
    {
        var outcome = await Runner(_http).RunAsync(Lease(), Payload("contact.created"), Target() with { Transport = TransportKind.Listen }, CancellationToken.None);

        var failed = Assert.IsType<Failed>(outcome);
        Assert.Equal(ErrorKinds.Internal, failed.Kind);
        Assert.Contains("Listen", failed.Error, StringComparison.Ordinal);
        Assert.Empty(_received);
    }

    [Fact]
    public async Task The_transport_gets_every_signed_header_of_the_attempt()
    {
        var transport = new ThrowingTransport();

        await Runner(transport).RunAsync(Lease(), Payload("contact.created"), Target(), CancellationToken.None);

        var names = transport.Seen!.Headers.Select(h => h.Name).ToList();
        Assert.Contains(WebhookHeaders.Signature, names);
        Assert.Contains(WebhookHeaders.WebhookSignature, names);
        Assert.Contains(("X-Libromi-Delivery-Id", "dlv_7"), transport.Seen.Headers);
        Assert.Contains((WebhookHeaders.DeliveryAttempt, "2"), transport.Seen.Headers);
    }

    private AttemptRunner Runner(IDeliveryTransport transport) => new([transport], _time, _options, NullLogger<AttemptRunner>.Instance);

    private LeasedDelivery Lease() => new(7, 1, "evt_1", "whk_1", 1, 4, _time.GetUtcNow().AddMinutes(1));

    private static EventPayload Payload(string type) => new("evt_1", type, Encoding.UTF8.GetBytes("""{"id":"evt_1"}"""));

    private DeliveryTarget Target(bool enabled = true) => new("whk_1", _receiver.Url, enabled, Signer, Signer);

    private sealed class ThrowingTransport : IDeliveryTransport
    {
        public Attempt? Seen { get; private set; }

        public TransportKind Kind => TransportKind.Http;

        public Task<AttemptOutcome> SendAsync(Attempt attempt)
        {
            Seen = attempt;
            throw new InvalidOperationException("a defect nobody foresaw");
        }
    }
}
