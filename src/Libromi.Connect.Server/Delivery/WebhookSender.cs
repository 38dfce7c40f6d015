using Libromi.Connect.Webhooks.Signing;
using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Libromi.Connect.Webhooks;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Delivery;

/// <summary>
/// Makes one attempt: signs the event's exact bytes, POSTs them, and reads at most <see cref="ResponseText.MaxBodyBytes"/> of
/// the answer. Every way the attempt can end, any exception included, becomes an <see cref="AttemptOutcome"/>. Redirects
/// are not followed; connections are pooled and reused across deliveries.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public static readonly string UserAgent = $"Libromi-Connect-Webhooks/{typeof(WebhookSender).Assembly.GetName().Version?.ToString(3)}";

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly DeliveryOptions _options;

    public WebhookSender(IOptions<DeliveryOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = _options.MaxConcurrencyPerEndpoint,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = _options.Timeout,
            // An unread remainder beyond the cap closes the connection instead of being drained.
            MaxResponseDrainSize = 0,
        };
        if (!_options.AllowPrivateNetworks)
        {
            handler.ConnectCallback = GuardedConnector.ConnectAsync;
        }
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<AttemptOutcome> SendAsync(LeasedDelivery lease, EventPayload payload, DeliveryTarget target, CancellationToken stopping)
    {
        var startedAt = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        if (!target.Enabled && payload.Type != Events.EventCatalog.WebhookTest)
        {
            return new AttemptOutcome(lease, startedAt, 0, null, ErrorKinds.WebhookDisabled,
                "The webhook is disabled; the delivery was not sent. Re-enable the webhook, then recover or retry the delivery.", null, null, null);
        }

        using var deadline = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stopping);
        HttpResponseMessage? response = null;
        string? headers = null;
        try
        {
            using var request = Request(lease, payload, target, startedAt);
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var code = (int)response.StatusCode;
            headers = HeadersJson(response);
            var body = await ReadCappedAsync(response, linked.Token);
            var error = code is >= 200 and < 300 ? null : $"HTTP {code} {response.ReasonPhrase}".TrimEnd();
            return new AttemptOutcome(lease, startedAt, Elapsed(started), code, error is null ? null : ErrorKinds.HttpStatus, error is null ? null : ResponseText.Readable(error),
                headers, body, RetryAfter(response, startedAt));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return AttemptOutcome.Abandon(lease, startedAt);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return Failure(lease, startedAt, started, response, headers, ErrorKinds.Timeout, $"No complete response within {_options.Timeout.TotalSeconds:0.###} s.");
        }
        catch (Exception e)
        {
            var (kind, message) = AttemptFailure.Classify(e, answered: response is not null);
            return Failure(lease, startedAt, started, response, headers, kind, message);
        }
        finally
        {
            response?.Dispose();
        }
    }

    public void Dispose() => _client.Dispose();

    private static HttpRequestMessage Request(LeasedDelivery lease, EventPayload payload, DeliveryTarget target, DateTimeOffset startedAt)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(payload.Body) };
        request.Content.Headers.ContentType = Json;
        foreach (var (name, value) in DeliveryHeaders.For(lease, payload, target, startedAt.ToUnixTimeSeconds()))
        {
            if (name != DeliveryHeaders.ContentType)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return request;
    }

    /// <summary>A failed attempt; when the receiver had already answered, its status code and headers are kept.</summary>
    private AttemptOutcome Failure(LeasedDelivery lease, DateTimeOffset startedAt, long started, HttpResponseMessage? response, string? headers,
        string kind, string error) =>
        new(lease, startedAt, Elapsed(started), response is null ? null : (int)response.StatusCode, kind, ResponseText.Readable(error), headers, null, null);

    private int Elapsed(long started) => (int)Math.Min(int.MaxValue, _time.GetElapsedTime(started).TotalMilliseconds);

    private static async Task<string?> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ResponseText.MaxBodyBytes);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var read = 0;
            int n;
            while (read < ResponseText.MaxBodyBytes && (n = await stream.ReadAsync(buffer.AsMemory(read, ResponseText.MaxBodyBytes - read), cancellationToken)) > 0)
            {
                read += n;
            }
            return read == 0 ? null : ResponseText.Readable(buffer.AsSpan(0, read));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string HeadersJson(HttpResponseMessage response) =>
        ResponseText.HeadersJson(response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated)
            .Select(h => new KeyValuePair<string, string>(h.Key, string.Join(", ", h.Value))));

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }
        return retryAfter.Delta ?? (retryAfter.Date is { } date ? date - now : null);
    }
}
