using System.Diagnostics;
using System.Net.Http.Json;
using Libromi.Connect.Server.Telemetry;
using Libromi.Connect.Server.Tests.Delivery;
using Libromi.Connect.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Libromi.Connect.Server.Tests.Telemetry;

/// <summary>Spans collected in process: the API request, the event it wrote, and the attempt that delivered it, joined by the receiver's traceparent.</summary>
public sealed class TracingTests
{
    [Fact]
    public async Task An_attempt_is_its_own_span_linked_to_the_event_of_the_request_and_the_receiver_gets_its_traceparent()
    {
        var spans = new List<Activity>();
        await using var server = await TestServer.StartAsync(configure: b => b.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        await using var receiver = await TestReceiver.StartAsync();
        using var client = server.CreateClient();
        var (webhookId, _) = await client.CreateWebhookAsync(receiver.Url, "contact.created");
        var caller = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();

        using var request = new HttpRequestMessage(HttpMethod.Post, "contacts") { Content = JsonContent.Create(new { name = "Ada", phone = "+15550003010" }) };
        request.Headers.Add("traceparent", $"00-{caller}-{callerSpan}-01");
        (await client.SendAsync(request)).EnsureSuccessStatusCode();
        var received = await receiver.NextAsync();
        var deliveryId = await server.OnlyDeliveryIdAsync(client, webhookId);
        await server.WaitForDeliveryAsync(client, deliveryId, d => d.Str("status") == "succeeded");

        Activity[] all;
        lock (spans)
        {
            all = [.. spans];
        }
        var http = Assert.Single(all, s => s.Kind == ActivityKind.Server && s.TraceId == caller && s.DisplayName.StartsWith("POST", StringComparison.Ordinal));
        Assert.Equal(callerSpan, http.ParentSpanId);
        // The activity source is process-wide: the spans of servers that other tests run meanwhile are collected too.
        var written = Assert.Single(all, s => s.Source.Name == ConnectDiagnostics.Name && s.DisplayName == "event contact.created" && s.TraceId == caller);
        Assert.Equal(http.SpanId, written.ParentSpanId);
        var attempt = Assert.Single(all, s => s.Source.Name == ConnectDiagnostics.Name && s.Links.Any(l => l.Context.TraceId == caller));
        Assert.Equal("deliver contact.created", attempt.DisplayName);
        Assert.NotEqual(caller, attempt.TraceId);
        Assert.Equal(written.SpanId, Assert.Single(attempt.Links).Context.SpanId);
        Assert.Equal(deliveryId, attempt.GetTagItem("libromi.delivery.id"));
        Assert.Equal(200, attempt.GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityStatusCode.Ok, attempt.Status);
        // Flags 01 (sampled), or 03 where the trace id is marked random as well.
        Assert.Matches($"^00-{attempt.TraceId}-{attempt.SpanId}-0[13]$", received.Header("traceparent"));
    }
}
