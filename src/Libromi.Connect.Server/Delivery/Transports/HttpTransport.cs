using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Libromi.Connect.Server.Delivery.Outcomes;
using Libromi.Connect.Server.Delivery.Transports.Auth;
using Libromi.Connect.Server.Delivery.Transports.Egress;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Delivery.Transports;

/// <summary>
/// POSTs the event's exact bytes to the webhook's URL and reads at most <see cref="ResponseText.MaxBodyBytes"/> of the
/// answer. Redirects are not followed; connections are pooled and reused across deliveries; every connection goes
/// through the SSRF guard and the egress proxy as <see cref="EgressHandlers"/> sets them up. A webhook with a client
/// certificate is sent through its own pooled client (<see cref="ClientCertificatePool"/>); one with OAuth2 client
/// credentials carries a token from the <see cref="OAuth2TokenCache"/>, fetched through the shared client.
/// </summary>
public sealed class HttpTransport : IDeliveryTransport, IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _client;
    private readonly ClientCertificatePool _certificates;
    private readonly OAuth2TokenCache _tokens;

    public HttpTransport(IOptions<DeliveryOptions> options, TimeProvider time)
    {
        var handlers = new EgressHandlers(options);
        _client = new HttpClient(handlers.Create()) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _certificates = new ClientCertificatePool(handlers, time);
        _tokens = new OAuth2TokenCache(_client, time, options.Value.Timeout);
    }

    public TransportKind Kind => TransportKind.Http;

    public async Task<AttemptOutcome> SendAsync(Attempt attempt)
    {
        HttpResponseMessage? response = null;
        AttemptResponse? answered = null;
        ClientLease? lease = null;
        try
        {
            var client = _client;
            if (attempt.Target.Auth is ClientCertificateAuth certificate)
            {
                lease = _certificates.Rent(attempt.Target.WebhookId, certificate);
                client = lease.Client;
            }
            string? token = null;
            if (attempt.Target.Auth is OAuth2ClientCredentials oauth2)
            {
                var (fetched, failure) = await TokenAsync(attempt, oauth2);
                if (failure is not null)
                {
                    return failure;
                }
                token = fetched;
            }
            using var request = Request(attempt);
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Cancellation);
            if (token is not null && response.StatusCode == HttpStatusCode.Unauthorized)
            {
                _tokens.Forget((OAuth2ClientCredentials)attempt.Target.Auth!, token);
            }
            answered = new AttemptResponse((int)response.StatusCode, HeadersJson(response), null);
            var body = await ReadCappedAsync(response, attempt.Cancellation);
            return attempt.Answered(answered with { Body = body }, RetryAfter(response, attempt.StartedAt), source: response.ReasonPhrase);
        }
        catch (OperationCanceledException) when (attempt.TimedOut)
        {
            return attempt.TimeoutFailure("No complete response", answered);
        }
        catch (ClientCertificateException e)
        {
            return attempt.Failure(ErrorKinds.Tls, e.Message);
        }
        catch (Exception e) when (!attempt.Stopping.IsCancellationRequested)
        {
            var (kind, message) = AttemptFailure.Classify(e, answered: answered is not null);
            if (kind == ErrorKinds.ResponseTruncated && answered is null && attempt.Target.Url.Scheme == Uri.UriSchemeHttps)
            {
                // A server that judges the client certificate after the handshake (any under TLS 1.3, Kestrel under 1.2 too) refuses it by closing.
                message += " Over TLS 1.3 this is also how a receiver refuses a missing or unaccepted client certificate.";
            }
            return attempt.Failure(kind, message, answered);
        }
        finally
        {
            response?.Dispose();
            lease?.Dispose();
        }
    }

    public void Dispose()
    {
        _certificates.Dispose();
        _client.Dispose();
    }

    /// <summary>The access token for the attempt, or the failed outcome (<see cref="ErrorKinds.AuthToken"/>) that ends it.</summary>
    private async Task<(string? Token, Failed? Failure)> TokenAsync(Attempt attempt, OAuth2ClientCredentials auth)
    {
        try
        {
            return (await _tokens.GetAsync(auth, attempt.Stopping, attempt.Cancellation), null);
        }
        catch (OAuth2TokenException e)
        {
            return (null, attempt.Failure(ErrorKinds.AuthToken, e.Message));
        }
        catch (OperationCanceledException) when (attempt.TimedOut)
        {
            return (null, attempt.Failure(ErrorKinds.AuthToken, $"The token endpoint {OAuth2TokenClient.Endpoint(auth)} gave no token within {attempt.Timeout.TotalSeconds:0.###} s."));
        }
        catch (Exception e) when (!attempt.Stopping.IsCancellationRequested)
        {
            var (_, message) = AttemptFailure.Classify(e, answered: false);
            return (null, attempt.Failure(ErrorKinds.AuthToken, $"No token from the token endpoint {OAuth2TokenClient.Endpoint(auth)}: {message}"));
        }
    }

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
