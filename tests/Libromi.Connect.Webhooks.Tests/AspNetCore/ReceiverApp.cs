using Libromi.Connect.Webhooks.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Libromi.Connect.Webhooks.Tests.AspNetCore;

/// <summary>A real application on Kestrel that receives webhooks with <c>MapLibromiWebhooks("/webhook")</c>.</summary>
internal sealed class ReceiverApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ReceiverApp(WebApplication app, Uri url, CapturedLogs logs)
    {
        _app = app;
        Url = url;
        Logs = logs;
    }

    public Uri Url { get; }

    public CapturedLogs Logs { get; }

    public static async Task<ReceiverApp> StartAsync(Action<LibromiWebhookOptions> configure, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddLibromiWebhooks();
        var app = builder.Build();
        app.MapLibromiWebhooks("/webhook", configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ReceiverApp(app, new Uri(new Uri(address), "/webhook"), logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
