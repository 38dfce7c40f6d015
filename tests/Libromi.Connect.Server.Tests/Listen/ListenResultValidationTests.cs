using System.Net;
using System.Text;
using System.Text.Json;
using Libromi.Connect.Server.Tests.Delivery;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;

namespace Libromi.Connect.Server.Tests.Listen;

/// <summary>What the CLI reports for a relayed delivery is input like any other: it is validated before it is logged.</summary>
public sealed class ListenResultValidationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    public static TheoryData<string, string> BadResults => new()
    {
        { "status_code", "\"status_code\":99" },
        { "status_code", "\"status_code\":600" },
        { "duration_ms", "\"status_code\":200,\"duration_ms\":-1" },
        { "duration_ms", "\"status_code\":200,\"duration_ms\":30001" },
        { "response_headers", "\"status_code\":200,\"response_headers\":[\"x-local\"]" },
        { "response_headers", "\"status_code\":200,\"response_headers\":{\"bad name\":\"x\"}" },
        { "response_headers", "\"status_code\":200,\"response_headers\":{\"x-\\u0001\":\"x\"}" },
        { "response_headers", "\"status_code\":200,\"response_headers\":{\"x-\\ud800\":\"x\"}" },
        { "response_headers", "\"status_code\":200,\"response_headers\":{\"X-Local\":\"a\",\"x-local\":\"b\"}" },
        { "response_headers", $"\"status_code\":200,\"response_headers\":{{\"x-big\":\"{new string('h', 4097)}\"}}" },
        { "response_headers.x-local", "\"status_code\":200,\"response_headers\":{\"x-local\":\"\\ud800\"}" },
        { "response_headers.x-local", "\"status_code\":200,\"response_headers\":{\"x-local\":\"a\\r\\nSet-Cookie: b\"}" },
        { "response_headers.x-local", "\"status_code\":200,\"response_headers\":{\"x-local\":5}" },
        { "response_body", "\"status_code\":200,\"response_body\":\"ok \\udc00\"" },
        { "error", "\"error\":\"refused \\ud800\"" },
        { "error", $"\"error\":\"{new string('e', 2001)}\"" },
    };

    [Theory]
    [MemberData(nameof(BadResults))]
    public async Task A_bad_result_answers_422_naming_the_field_and_the_delivery_stays_readable_and_reportable(string field, string result)
    {
        await using var listen = await ListenAsync();
        var delivery = await listen.NextDeliveryAsync();
        var ticket = delivery.Str("ticket");

        var answer = await listen.Client.PostAsync($"listen/{listen.SessionId}/results", $$"""{"ticket":"{{ticket}}",{{result}}}""");

        answer.AssertInvalidFields(field);
        Assert.Equal(HttpStatusCode.OK, (await listen.Client.GetAnswerAsync($"deliveries/{delivery.Str("delivery_id")}")).Status);
        await listen.Client.PostOkAsync($"listen/{listen.SessionId}/results", new { ticket, status_code = 200 });
        var logged = await fixture.Server.WaitForDeliveryAsync(listen.Client, delivery.Str("delivery_id"), d => d.Str("status") == "succeeded");
        Assert.Equal(200, Assert.Single(logged.GetProperty("attempts").EnumerateArray()).GetProperty("status_code").GetInt32());
    }

    [Fact]
    public async Task A_body_longer_than_4_KiB_is_logged_cut_to_its_first_4_KiB_without_splitting_a_character()
    {
        await using var listen = await ListenAsync();
        var delivery = await listen.NextDeliveryAsync();
        var body = "é" + new string('a', 4093) + "😀 and more";

        await listen.Client.PostOkAsync($"listen/{listen.SessionId}/results", new { ticket = delivery.Str("ticket"), status_code = 200, response_body = body });

        var logged = await fixture.Server.WaitForDeliveryAsync(listen.Client, delivery.Str("delivery_id"), d => d.Str("status") == "succeeded");
        var stored = logged.GetProperty("attempts")[0].Str("response_body");
        Assert.Equal(body[..4094], stored);
        Assert.True(Encoding.UTF8.GetByteCount(stored) <= 4096);
    }

    [Fact]
    public async Task A_valid_result_at_the_limits_is_logged_as_reported()
    {
        await using var listen = await ListenAsync();
        var delivery = await listen.NextDeliveryAsync();
        var headers = new Dictionary<string, string> { ["X-Local"] = "yes\tplease", ["x-fill"] = new string('f', 4096 - "X-Localyes\tpleasex-fill".Length) };

        await listen.Client.PostOkAsync($"listen/{listen.SessionId}/results",
            new { ticket = delivery.Str("ticket"), status_code = 599, duration_ms = 30000, response_headers = headers });

        var logged = await fixture.Server.WaitForDeliveryAsync(listen.Client, delivery.Str("delivery_id"), d => d.GetProperty("attempt_count").GetInt32() == 1);
        var attempt = logged.GetProperty("attempts")[0];
        Assert.Equal((599, 30000), (attempt.GetProperty("status_code").GetInt32(), attempt.GetProperty("duration_ms").GetInt32()));
        Assert.Equal("yes\tplease", attempt.GetProperty("response_headers").Str("X-Local"));
        Assert.Equal(headers["x-fill"], attempt.GetProperty("response_headers").Str("x-fill"));
    }

    private async Task<ListenContext> ListenAsync()
    {
        var key = await fixture.Server.CreateAccountAsync();
        var client = fixture.Server.CreateClient(key);
        var streaming = fixture.Server.CreateClient(key);
        streaming.Timeout = Timeout.InfiniteTimeSpan;
        var sessionId = (await client.PostOkAsync("listen", new { events = new[] { "contact.created" } })).Str("id");
        return new ListenContext(client, streaming, sessionId, await SseStream.OpenAsync(streaming, sessionId));
    }

    private sealed record ListenContext(HttpClient Client, HttpClient Streaming, string SessionId, SseStream Stream) : IAsyncDisposable
    {
        public async Task<JsonElement> NextDeliveryAsync()
        {
            await Client.CreateContactAsync("Ada", Seed.Phone());
            var (name, delivery) = await Stream.NextAsync();
            Assert.Equal("delivery", name);
            return delivery;
        }

        public async ValueTask DisposeAsync()
        {
            await Stream.DisposeAsync();
            Streaming.Dispose();
            Client.Dispose();
        }
    }
}
