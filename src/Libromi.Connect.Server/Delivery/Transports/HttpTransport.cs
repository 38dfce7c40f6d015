using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Libromi.Connect.Server.Delivery.Outcomes;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Delivery.Transports;

/// <summary>
/// POSTs the event's exact bytes to the webhook's URL and reads at most <see cref="ResponseText.MaxBodyBytes"/> of the
/// answer. Redirects are not followed; connections are pooled and reused across deliveries; without
/// <see cref="DeliveryOptions.AllowPrivateNetworks"/>, every connection goes through the <see cref="GuardedConnector"/>.
/// </summary>
public sealed class HttpTransport : IDeliveryTransport, IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _client;

    public HttpTransport(IOptions<DeliveryOptions> options)
    {
        var o = options.Value;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = o.MaxConcurrencyPerEndpoint,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = o.Timeout,
            // An unread remainder beyond the cap closes the connection instead of being drained.
            MaxResponseDrainSize = 0,
        };
        if (!o.AllowPrivateNetworks)
        {
            handler.ConnectCallback = GuardedConnector.ConnectAsync;
        }
        _client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    public TransportKind Kind => TransportKind.Http;

    public async Task<AttemptOutcome> SendAsync(Attempt attempt)
    {
        HttpResponseMessage? response = null;
        AttemptResponse? answered = null;
        try
        {
            using var request = Request(attempt);
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Cancellation);
            answered = new AttemptResponse((int)response.StatusCode, HeadersJson(response), null);
            var body = await ReadCappedAsync(response, attempt.Cancellation);
            return attempt.Answered(answered with { Body = body }, RetryAfter(response, attempt.StartedAt), source: response.ReasonPhrase);
        }
        catch (OperationCanceledException) when (attempt.TimedOut)
        {
            return attempt.TimeoutFailure("No complete response", answered);
        }
        catch (Exception e) when (!attempt.Stopping.IsCancellationRequested)
        {
            var (kind, message) = AttemptFailure.Classify(e, answered: answered is not null);
            return attempt.Failure(kind, message, answered);
        }
        finally
        {
            response?.Dispose();
        }
    }

    public void Dispose() => _client.Dispose();

    private static HttpRequestMessage Request(Attempt attempt)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, attempt.Target.Url) { Content = new ByteArrayContent(attempt.Payload.Body) };
        request.Content.Headers.ContentType = Json;
        foreach (var (name, value) in attempt.Headers)
        {
            if (name != DeliveryHeaders.ContentType)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return request;
    }

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
