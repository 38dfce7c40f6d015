namespace Libromi.Connect.Client;

/// <summary>Where the API is, how to authenticate, and how failed requests are retried.</summary>
public sealed class LibromiClientOptions
{
    /// <summary>The environment variable read for the default <see cref="ApiKey"/>.</summary>
    public const string ApiKeyVariable = "LIBROMI_API_KEY";

    /// <summary>The environment variable read for the default <see cref="BaseUrl"/>.</summary>
    public const string BaseUrlVariable = "LIBROMI_API_URL";

    /// <summary>The base URL used when neither <see cref="BaseUrl"/> nor <c>LIBROMI_API_URL</c> is set: <c>http://localhost:5080</c>.</summary>
    public static Uri DefaultBaseUrl { get; } = new("http://localhost:5080");

    /// <summary>
    /// The API key, sent as <c>Authorization: Bearer &lt;key&gt;</c>. Default: the <c>LIBROMI_API_KEY</c> environment
    /// variable. A client cannot be created without one.
    /// </summary>
    public string? ApiKey { get; set; } = Environment.GetEnvironmentVariable(ApiKeyVariable);

    /// <summary>
    /// The server's root URL; requests go to <c>{BaseUrl}/api/v1/…</c>, and a path in it is kept
    /// (<c>https://example.com/libromi</c> calls <c>https://example.com/libromi/api/v1/…</c>). Default: the
    /// <c>LIBROMI_API_URL</c> environment variable, else <c>http://localhost:5080</c>. This is used even when the
    /// client is given an <see cref="HttpClient"/> that has a <see cref="HttpClient.BaseAddress"/> of its own.
    /// </summary>
    public Uri BaseUrl { get; set; } = FromEnvironment();

    /// <summary>
    /// How many times a request is sent again after a transient failure (429, any 5xx, a network error or an
    /// <see cref="HttpClient.Timeout"/>). Default 2, so at most 3 attempts; 0 turns retries off. Every attempt of one
    /// POST carries the same <c>Idempotency-Key</c>, so a retried create never creates twice.
    /// </summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>
    /// The delay before the first retry; each further retry waits twice as long, with random jitter taking the wait
    /// to between half and all of that. Default 500 ms (so about 0.25–0.5 s, then 0.5–1 s).
    /// </summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The longest wait before a retry. A backoff delay is capped at this; a <c>Retry-After</c> longer than this is
    /// not waited for: the request fails at once with <see cref="LibromiApiException.RetryAfter"/> set, so the caller
    /// can decide. Default 30 s.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock that retry delays wait on. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    private static Uri FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(BaseUrlVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultBaseUrl;
        }
        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url)
            ? url
            : throw new InvalidOperationException($"{BaseUrlVariable} must be an absolute URL such as https://connect.example.com; '{value}' is not.");
    }
}
