using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Libromi.Connect.Bench.Load;
using Libromi.Connect.Bench.Reporting;
using Libromi.Connect.Bench.Server;

namespace Libromi.Connect.Bench.Scenarios;

/// <summary>
/// Scenario 8: request rates of the API next to <c>GET /healthz</c> on the same server in the same run, warm, from an
/// in-process closed loop of 32 connections; no webhook is subscribed, so nothing is delivered.
/// </summary>
public static class ApiRates
{
    private const int Connections = 32;

    private sealed record Call(string Name, double? Target, Func<HttpRequestMessage> Request);

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var (warmUp, round, rounds) = context.Options.Quick ? (1, 1, 3) : (3, 5, 3);
        await using var server = await LibromiProcess.StartAsync(context.NewDatabase("api"), paused: false, null, cancellationToken);
        using var http = LoadClient(server.BaseAddress);
        var contact = await CreateContactAsync(http, cancellationToken);
        var inbound = JsonSerializer.SerializeToUtf8Bytes(new { from = ApiClient.Phone, content = "Hello from the API rate scenario" });
        Call[] calls =
        [
            new("GET /healthz", null, () => new HttpRequestMessage(HttpMethod.Get, "/healthz")),
            new("GET /api/v1/contacts/{id}", 0.7, () => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/contacts/{contact}")),
            new("POST /api/v1/inbound/messages, no webhook", 0.3, () => new HttpRequestMessage(HttpMethod.Post, "/api/v1/inbound/messages")
            {
                Content = new ByteArrayContent(inbound) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            }),
        ];
        foreach (var call in calls)
        {
            await MeasureAsync(http, call, warmUp, cancellationToken);
        }
        // Rounds interleave the calls, so a drifting machine moves every call's figure alike; each ratio is taken
        // against /healthz in the same round.
        var rates = calls.Select(_ => new List<double>()).ToArray();
        for (var r = 0; r < rounds; r++)
        {
            for (var c = 0; c < calls.Length; c++)
            {
                rates[c].Add(await MeasureAsync(http, calls[c], round, cancellationToken));
                BenchContext.Log($"api round {r + 1}: {calls[c].Name} {rates[c][^1]:0}/s");
            }
        }
        for (var c = 0; c < calls.Length; c++)
        {
            var rate = Median(rates[c]);
            var ratio = Median(rates[c].Zip(rates[0], (x, h) => x / h));
            var all = string.Join(", ", rates[c].Select(BenchContext.Rate));
            var method = $"median of {rounds} rounds of {round} s ({all}/s), {Connections} connections, after {warmUp} s warm-up";
            context.Rows.Add(calls[c].Target is { } target
                ? new ResultRow($"8. API rate: {calls[c].Name}", $"{BenchContext.Rate(rate)}/s = {ratio:0.00} of /healthz", $"≥ {target:0.0} of /healthz", ratio >= target,
                    method + "; ratio: median of each round's ratio to that round's /healthz")
                : new ResultRow($"8. API rate: {calls[c].Name}", $"{BenchContext.Rate(rate)}/s", "", null, method));
        }
    }

    private static async Task<double> MeasureAsync(HttpClient http, Call call, double seconds, CancellationToken cancellationToken)
    {
        var result = await ClosedLoop.RunAsync(Connections, TimeSpan.FromSeconds(seconds), async (_, ct) =>
        {
            using var request = call.Request();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{(int)response.StatusCode} from {call.Name}: {await response.Content.ReadAsStringAsync(ct)}");
            }
            await response.Content.CopyToAsync(Stream.Null, ct);
        }, cancellationToken);
        return result.PerSecond;
    }

    private static async Task<string> CreateContactAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/contacts", new { name = "Rate", phone = "+14155550199" }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("id").GetString()!;
    }

    private static HttpClient LoadClient(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Connections, UseProxy = false, UseCookies = false, AllowAutoRedirect = false };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(1) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LibromiProcess.ApiKey);
        return client;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
