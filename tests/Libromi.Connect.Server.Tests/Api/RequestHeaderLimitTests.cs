using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Libromi.Connect.Server.Tests.Support;

namespace Libromi.Connect.Server.Tests.Api;

/// <summary>
/// Oversized request headers answer 431 as problem+json, like every other error. Sent over a raw socket: HttpClient
/// itself refuses to send some of these requests.
/// </summary>
public sealed class RequestHeaderLimitTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int ThirtyTwoKibibytes = 32 * 1024;

    [Fact]
    public async Task Request_headers_over_32_KiB_answer_431_problem_json()
    {
        var answer = await SendAsync(("X-Filler", new string('f', ThirtyTwoKibibytes)));

        Assert.Equal(431, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal(431, answer.Body.GetProperty("status").GetInt32());
        Assert.Contains("32 KiB", answer.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("no-store", answer.Headers["cache-control"]);
        Assert.Equal("nosniff", answer.Headers["x-content-type-options"]);
    }

    [Fact]
    public async Task More_than_100_header_fields_answer_431_problem_json()
    {
        var answer = await SendAsync([.. Enumerable.Range(0, 101).Select(i => ($"X-Field-{i}", "x"))]);

        Assert.Equal(431, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Contains("100", answer.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_within_the_limits_are_served()
    {
        var answer = await SendAsync(("X-Filler", new string('f', ThirtyTwoKibibytes - 1024)));

        Assert.Equal(200, answer.Status);
    }

    private async Task<RawAnswer> SendAsync(params (string Name, string Value)[] extra)
    {
        var address = fixture.Server.BaseAddress;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        var request = new StringBuilder()
            .Append("GET /api/v1/contacts HTTP/1.1\r\n")
            .Append($"Host: {address.Authority}\r\n")
            .Append($"Authorization: Bearer {fixture.Server.ApiKey}\r\n")
            .Append("Accept: application/json\r\n")
            .Append("Connection: close\r\n");
        foreach (var (name, value) in extra)
        {
            request.Append($"{name}: {value}\r\n");
        }
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        return RawAnswer.Parse(text);
    }

    private sealed record RawAnswer(int Status, Dictionary<string, string> Headers, JsonElement Body)
    {
        public string? ContentType => Headers.TryGetValue("content-type", out var type) ? type.Split(';')[0] : null;

        public static RawAnswer Parse(string text)
        {
            var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var head = text[..split].Split("\r\n");
            var headers = head.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
            var body = text[(split + 4)..];
            if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding == "chunked")
            {
                body = Unchunk(body);
            }
            return new RawAnswer(int.Parse(head[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers,
                body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone());
        }

        private static string Unchunk(string body)
        {
            var output = new StringBuilder();
            var at = 0;
            while (true)
            {
                var end = body.IndexOf("\r\n", at, StringComparison.Ordinal);
                var size = Convert.ToInt32(body[at..end], 16);
                if (size == 0)
                {
                    return output.ToString();
                }
                output.Append(body, end + 2, size);
                at = end + 2 + size + 2;
            }
        }
    }
}
