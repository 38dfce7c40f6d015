using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Libromi.Connect.Client.Http;

/// <summary>Sends requests to <c>/api/v1</c> with the API key, and retries transient failures.</summary>
internal sealed class ApiConnection
{
    private const string IdempotencyHeader = "Idempotency-Key";
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private static readonly ProductInfoHeaderValue UserAgent =
        new("Libromi.Connect.Client", typeof(ApiConnection).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    private readonly HttpClient _http;
    private readonly Uri _apiRoot;
    private readonly string _apiKey;
    private readonly int _maxRetries;
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private readonly TimeProvider _time;

    public ApiConnection(HttpClient http, LibromiClientOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new ArgumentException(
                $"No API key: set {nameof(LibromiClientOptions)}.{nameof(LibromiClientOptions.ApiKey)} or the {LibromiClientOptions.ApiKeyVariable} environment variable.",
                nameof(options));
        }
        if (options.BaseUrl is not { IsAbsoluteUri: true } baseUrl)
        {
            throw new ArgumentException($"{nameof(LibromiClientOptions)}.{nameof(LibromiClientOptions.BaseUrl)} must be an absolute URL.", nameof(options));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, nameof(options));
        _http = http;
        _apiRoot = new Uri(new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/"), "api/v1/");
        _apiKey = options.ApiKey.Trim();
        _maxRetries = options.MaxRetries;
        _baseDelay = options.RetryBaseDelay;
        _maxDelay = options.MaxRetryDelay;
        _time = options.TimeProvider ?? TimeProvider.System;
    }

    public async Task<TResponse> SendAsync<TResponse>(HttpMethod method, string path, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken) =>
        Deserialize(await ExchangeAsync(method, path, null, cancellationToken), responseType);


    public async Task<TResponse> SendAsync<TRequest, TResponse>(HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken) =>
        Deserialize(await ExchangeAsync(method, path, JsonSerializer.SerializeToUtf8Bytes(body, requestType), cancellationToken), responseType);

    public Task SendAsync(HttpMethod method, string path, CancellationToken cancellationToken) =>
        ExchangeAsync(method, path, null, cancellationToken);

    public Task SendAsync<TRequest>(HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken) =>
        ExchangeAsync(method, path, JsonSerializer.SerializeToUtf8Bytes(body, requestType), cancellationToken);

    public TimeProvider Time => _time;

    /// <summary>
    /// GETs a response that streams, returning as soon as its headers arrive; the caller reads and disposes it. Not
    /// retried: a caller of a stream decides when to connect again.
    /// </summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(string path, string accept, CancellationToken cancellationToken)
    {
        var uri = new Uri(_apiRoot, path);
        using var request = NewRequest(HttpMethod.Get, uri, accept);
        // A refusal comes as problem+json, which the server only writes for a client that accepts it.
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new LibromiApiException(null, "Network error", $"GET {uri} failed before an answer arrived: {e.Message}", isTransient: true, innerException: e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LibromiApiException(null, "Timeout", $"GET {uri} got no answer within {_http.Timeout.TotalSeconds:0.###} s (HttpClient.Timeout).", isTransient: true, innerException: e);
        }
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            throw ProblemReader.Read(response, await response.Content.ReadAsByteArrayAsync(cancellationToken), _time);
        }
    }

    private HttpRequestMessage NewRequest(HttpMethod method, Uri uri, string accept)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        request.Headers.UserAgent.Add(UserAgent);
        return request;
    }

    /// <summary>Sends until a success, a failure that is not transient, or the last retry; returns the success's status and body.</summary>
    private async Task<(int Status, byte[] Body)> ExchangeAsync(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken)
    {
        var uri = new Uri(_apiRoot, path);
        // One key for every attempt of this call: the server answers a repeat with the first result instead of acting twice.
        var idempotencyKey = method == HttpMethod.Post ? Guid.NewGuid().ToString() : null;
        var outcomeUnknown = false;
        for (var retry = 0; ; retry++)
        {
            using var request = NewRequest(method, uri, "application/json");
            if (idempotencyKey is not null)
            {
                request.Headers.Add(IdempotencyHeader, idempotencyKey);
            }
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body) { Headers = { ContentType = Json } };
            }

            LibromiApiException failure;
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (response.IsSuccessStatusCode
                    // An earlier attempt may have deleted it before its answer was lost: gone is what the caller asked for.
                    || (response.StatusCode == HttpStatusCode.NotFound && method == HttpMethod.Delete && outcomeUnknown))
                {
                    return ((int)response.StatusCode, content);
                }
                failure = ProblemReader.Read(response, content, _time);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                failure = new LibromiApiException(null, "Network error", $"{method} {uri} failed before an answer arrived: {e.Message}", isTransient: true, innerException: e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = new LibromiApiException(null, "Timeout", $"{method} {uri} got no answer within {_http.Timeout.TotalSeconds:0.###} s (HttpClient.Timeout).", isTransient: true, innerException: e);
            }

            if (!failure.IsTransient || retry >= _maxRetries || RetryDelay.Before(retry, failure.RetryAfter, _baseDelay, _maxDelay) is not { } delay)
            {
                throw failure;
            }
            // A 429 says the server did nothing; a 5xx or a lost answer leaves open whether it acted.
            outcomeUnknown |= failure.Status is null or >= 500;
            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    private static T Deserialize<T>((int Status, byte[] Body) answer, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(answer.Body, type)
                ?? throw new JsonException("The body is JSON null.");
        }
        catch (JsonException e)
        {
            throw new LibromiApiException(answer.Status, "Unreadable response", $"The answer is not the {typeof(T).Name} this client expects: {e.Message}", innerException: e);
        }
    }
}
