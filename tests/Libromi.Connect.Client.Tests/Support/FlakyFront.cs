using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Libromi.Connect.Client.Tests.Support;

/// <summary>
/// A real HTTP proxy (Kestrel on a loopback port) in front of a real server, failing requests as <see cref="Decide"/>
/// says: the way a load balancer or a flaky network fails, including after the server has already acted.
/// </summary>
public sealed class FlakyFront : IAsyncDisposable
{
    private static readonly string[] ForwardedHeaders = ["Authorization", "Idempotency-Key", "Accept", "User-Agent"];
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly List<FrontRequest> _seen = [];

    private FlakyFront(WebApplication app, Uri target)
    {
        _app = app;
        _upstream = new HttpClient { BaseAddress = target };
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Decides the fate of request number n (0-based) of all that arrived. Default: forward everything.</summary>
    public Func<int, Fault> Decide { get; set; } = _ => Fault.None;

    public IReadOnlyList<FrontRequest> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    public static async Task<FlakyFront> StartAsync(Uri target)
    {
        // No configuration file watcher: a test run starts many receivers, and each watcher takes an inotify instance.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var front = new FlakyFront(app, target);
        app.Run(front.HandleAsync);
        await app.StartAsync();
        front.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return front;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        int index;
        lock (_seen)
        {
            index = _seen.Count;
            _seen.Add(new FrontRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.Headers["Idempotency-Key"].FirstOrDefault(), null, false));
        }
        var fault = Decide(index);
        if (fault.Hang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        using var answer = fault.Forward ? await ForwardAsync(context) : null;
        byte[] body = [];
        if (answer is not null)
        {
            body = await answer.Content.ReadAsByteArrayAsync();
            lock (_seen)
            {
                _seen[index] = _seen[index] with
                {
                    ServerStatus = (int)answer.StatusCode,
                    ServerReplayed = answer.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Contains("true"),
                };
            }
        }
        if (fault.Drop)
        {
            context.Abort();
            return;
        }
        if (fault.Status is { } status)
        {
            context.Response.StatusCode = status;
            if (fault.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = fault.RetryAfter;
            }
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync($"<html><body>{status} from the front</body></html>");
            return;
        }
        context.Response.StatusCode = (int)answer!.StatusCode;
        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
        await context.Response.Body.WriteAsync(body);
    }

    private async Task<HttpResponseMessage> ForwardAsync(HttpContext context)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
        foreach (var name in ForwardedHeaders)
        {
            if (context.Request.Headers.TryGetValue(name, out var value))
            {
                request.Headers.TryAddWithoutValidation(name, value.ToString());
            }
        }
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        if (buffer.Length > 0 || context.Request.ContentType is not null)
        {
            request.Content = new ByteArrayContent(buffer.ToArray());
            if (context.Request.ContentType is { } contentType)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }
        return await _upstream.SendAsync(request);
    }
}
