using System.Text;
using Libromi.Connect.Client;

namespace Libromi.Connect.Cli.Listen;

/// <summary>
/// POSTs relayed deliveries to the local endpoint exactly as the server would have sent them (same body bytes, same
/// headers, signatures included) and captures its answer in the form the server logs.
/// </summary>
internal sealed class LocalForwarder(Uri target, TimeProvider time) : IDisposable
{
    /// <summary>How much of the local response body is reported; the server keeps no more.</summary>
    public const int MaxBodyBytes = 4096;

    /// <summary>How many bytes of header names and values are reported; the server refuses a result with more.</summary>
    public const int MaxHeaderBytes = 4096;

    // Shorter than the 30 s the server waits for a report, so that a slow local endpoint is reported as such.
    private static readonly TimeSpan LocalTimeout = TimeSpan.FromSeconds(25);

    // Redirects are reported, not followed, as the server's own sender does; no cookies either, each delivery stands alone.
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = LocalTimeout };

    public Uri Target => target;

    public async Task<ListenResult> ForwardAsync(RelayedDelivery delivery, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(delivery.Body)) };
        foreach (var (name, value) in delivery.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        var started = time.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var body = await ReadStartAsync(response.Content, cancellationToken);
            return new ListenResult
            {
                Ticket = delivery.Ticket,
                StatusCode = (int)response.StatusCode,
                DurationMs = Elapsed(started),
                ResponseHeaders = ReportedHeaders(response),
                ResponseBody = body,
            };
        }
        catch (HttpRequestException e)
        {
            return new ListenResult { Ticket = delivery.Ticket, DurationMs = Elapsed(started), Error = $"Could not reach {target}: {e.Message}" };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ListenResult { Ticket = delivery.Ticket, DurationMs = Elapsed(started), Error = $"{target} did not answer within {LocalTimeout.TotalSeconds:0} s." };
        }
    }

    public void Dispose() => _http.Dispose();

    private int Elapsed(long started) => (int)time.GetElapsedTime(started).TotalMilliseconds;

    /// <summary>The response's headers, leaving out any that would take the report past <see cref="MaxHeaderBytes"/>.</summary>
    private static Dictionary<string, string> ReportedHeaders(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var bytes = 0;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            var value = string.Join(", ", values);
            var size = Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(value);
            if (bytes + size <= MaxHeaderBytes)
            {
                headers[name] = value;
                bytes += size;
            }
        }
        return headers;
    }

    private static async Task<string> ReadStartAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxBodyBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }
        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
