using System.Collections.Concurrent;
using Libromi.Connect.Testing;
using Libromi.Connect.Webhooks.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Libromi.Connect.Webhooks.Tests.AspNetCore;

/// <summary>
/// A real application on Kestrel that receives webhooks with <c>MapLibromiWebhooks("/webhook")</c>, and keeps a copy
/// of every request it was sent so that a test can replay one as an attacker who captured it would.
/// </summary>
internal sealed class ReceiverApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received;
    private readonly HttpClient _http = new();

    private ReceiverApp(WebApplication app, Uri url, LogRecorder logs, ConcurrentQueue<ReceivedRequest> received)
    {
        _app = app;
        Url = url;
        Logs = logs;
        _received = received;
    }

    public Uri Url { get; }

    public LogRecorder Logs { get; }

    /// <summary>Every request the application was sent, exactly as it arrived, in order.</summary>
    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public static async Task<ReceiverApp> StartAsync(Action<LibromiWebhookOptions> configure, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new LogRecorder();
        // A category filter, because the server's appsettings.json copied next to the tests sets Default to Information.
        builder.Logging.ClearProviders().AddProvider(logs).AddFilter(typeof(LibromiWebhookOptions).Namespace, LogLevel.Debug);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddLibromiWebhooks();
        var app = builder.Build();
        var received = new ConcurrentQueue<ReceivedRequest>();
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            context.Request.Body.Position = 0;
            received.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body.ToArray(),
                app.Services.GetRequiredService<TimeProvider>().GetUtcNow()));
            await next(context);
        });
        app.MapLibromiWebhooks("/webhook", configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ReceiverApp(app, new Uri(new Uri(address), "/webhook"), logs, received);
    }

    /// <summary>Sends a recorded request again: the same body bytes and the same webhook headers.</summary>
    /// <param name="without">Headers to leave out, as an attacker who captured the request may strip them.</param>
    public async Task<HttpResponseMessage> ReplayAsync(ReceivedRequest request, params string[] without)
    {
        using var replay = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new ByteArrayContent(request.Body) };
        replay.Content.Headers.ContentType = new("application/json");
        foreach (var (name, value) in request.Headers)
        {
            var webhookHeader = name.StartsWith("webhook-", StringComparison.OrdinalIgnoreCase) || name.StartsWith("X-Libromi-", StringComparison.OrdinalIgnoreCase);
            if (webhookHeader && !without.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                replay.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return await _http.SendAsync(replay);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
