using System.Globalization;
using System.Net;
using System.Text;
using CsCheck;
using Libromi.Connect.Webhooks.AspNetCore;
using Libromi.Connect.Webhooks.Events;
using Libromi.Connect.Webhooks.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Libromi.Connect.Webhooks.Tests.AspNetCore;

/// <summary>The receiver's answers to hand-made requests over real HTTP, including hostile ones.</summary>
public sealed class ReceiverRequestTests : IAsyncLifetime
{
    private readonly string _secret = WebhookSecret.Generate();
    private readonly HandledEvents _handled = new();
    private readonly HttpClient _http = new();
    private ReceiverApp _receiver = null!;

    public async Task InitializeAsync() =>
        _receiver = await ReceiverApp.StartAsync(options =>
        {
            options.Secrets = [_secret];
            options.MaxBodyBytes = 4096;
            options.On<ContactCreated>((e, _) => _handled.Record(e));
        });

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Unsigned_wrongly_signed_and_garbage_requests_get_a_401_problem_and_never_a_500()
    {
        var valid = Envelope("evt_1", "contact.created");
        var cases = new List<(byte[] Body, Dictionary<string, string> Headers)>
        {
            ([], []),
            (valid, []),
            (valid, new() { [WebhookHeaders.Signature] = "not hex at all" }),
            (valid, new() { [WebhookHeaders.Signature] = new WebhookSigner(WebhookSecret.Generate()).SignLibromi(valid) }),
            (valid, new() { [WebhookHeaders.WebhookId] = "evt_1", [WebhookHeaders.WebhookTimestamp] = "yesterday", [WebhookHeaders.WebhookSignature] = "v1,!!" }),
            (valid, new() { [WebhookHeaders.WebhookId] = "evt_1", [WebhookHeaders.WebhookTimestamp] = "1", [WebhookHeaders.WebhookSignature] = new WebhookSigner(_secret).SignStandard("evt_1", 1, valid) }),
        };
        Check.Sample(Gen.Byte.Array[0, 600], body => cases.Add((body, new() { [WebhookHeaders.Signature] = Convert.ToHexStringLower(body.Take(32).ToArray()) })), iter: 30, threads: 1);

        foreach (var (body, headers) in cases)
        {
            using var response = await PostAsync(body, headers);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Empty(_handled.All);
    }

    [Fact]
    public async Task A_correctly_signed_body_that_is_not_an_event_gets_a_400_problem()
    {
        foreach (var text in new[] { "not json", "[]", "{\"id\":\"evt_1\",\"type\":\"contact.created\"}", "{\"id\":\"evt_1\",\"type\":\"contact.created\",\"created_at\":\"2026-01-31T12:00:00.000Z\",\"data\":{\"contact\":{\"id\":\"con_1\"}}}" })
        {
            using var response = await PostSignedAsync(Encoding.UTF8.GetBytes(text));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Empty(_handled.All);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_before_anything_else_is_looked_at()
    {
        using var response = await PostSignedAsync(Encoding.UTF8.GetBytes(new string(' ', 4097)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task An_event_type_without_a_handler_is_acknowledged_and_dropped()
    {
        using var unknown = await PostSignedAsync(Envelope("evt_2", "invoice.paid"));
        using var unhandled = await PostSignedAsync(Envelope("evt_3", "message.received"));
        using var handled = await PostSignedAsync(Envelope("evt_4", "contact.created"));

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unhandled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, handled.StatusCode);
        var only = Assert.Single(await _handled.WaitForCountAsync(1));
        Assert.Equal("evt_4", only.Id);
    }

    [Fact]
    public async Task The_same_event_sent_many_times_at_once_runs_its_handler_once()
    {
        var body = Envelope("evt_5", "contact.created");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PostSignedAsync(body)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await _handled.WaitForCountAsync(1);
        using var late = await PostSignedAsync(body);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Single(_handled.All);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public void Mapping_without_a_secret_or_without_the_services_fails_at_startup()
    {
        var withServices = WebApplication.CreateSlimBuilder();
        withServices.Services.AddLibromiWebhooks();
        using var app = withServices.Build();
        var noSecret = Assert.Throws<InvalidOperationException>(() => app.MapLibromiWebhooks("/webhook", o => o.On<ContactCreated>((_, _) => Task.CompletedTask)));
        Assert.Contains("Secrets", noSecret.Message, StringComparison.Ordinal);

        using var bare = WebApplication.CreateSlimBuilder().Build();
        var noServices = Assert.Throws<InvalidOperationException>(() => bare.MapLibromiWebhooks("/webhook", o => o.Secrets = [_secret]));
        Assert.Contains("AddLibromiWebhooks", noServices.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_two_handlers_for_one_event_type_is_refused()
    {
        var options = new LibromiWebhookOptions().On<ContactCreated>((_, _) => Task.CompletedTask);

        Assert.Throws<InvalidOperationException>(() => options.On<ContactCreated>((_, _, _) => Task.CompletedTask));
    }

    private Task<HttpResponseMessage> PostSignedAsync(byte[] body)
    {
        var signer = new WebhookSigner(_secret);
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        return PostAsync(body, new()
        {
            [WebhookHeaders.WebhookId] = "msg_1",
            [WebhookHeaders.WebhookTimestamp] = timestamp.ToString(CultureInfo.InvariantCulture),
            [WebhookHeaders.WebhookSignature] = signer.SignStandard("msg_1", timestamp, body),
        });
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body, Dictionary<string, string> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _receiver.Url) { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await _http.SendAsync(request);
    }

    private static byte[] Envelope(string id, string type) => Encoding.UTF8.GetBytes(
        """{"id":"ID","type":"TYPE","created_at":"2026-01-31T12:00:00.000Z","data":{"contact":{"id":"con_1","name":"Ada","phone":"+441234567890","email":null,"attributes":{},"created_at":"2026-01-31T12:00:00.000Z","updated_at":"2026-01-31T12:00:00.000Z"},"message":{"id":"msg_1","contact_id":"con_1","direction":"inbound","type":"text","content":"Hi","status":"received","created_at":"2026-01-31T12:00:00.000Z"}}}"""
            .Replace("\"ID\"", $"\"{id}\"", StringComparison.Ordinal)
            .Replace("\"TYPE\"", $"\"{type}\"", StringComparison.Ordinal));
}
