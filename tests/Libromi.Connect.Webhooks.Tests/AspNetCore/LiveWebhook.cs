using System.Text.Json;
using Libromi.Connect.Testing;
using Libromi.Connect.Webhooks.AspNetCore;

namespace Libromi.Connect.Webhooks.Tests.AspNetCore;

/// <summary>
/// A real Libromi Connect server with a webhook that delivers to a real <see cref="ReceiverApp"/>. The webhook is
/// created first, since its secret configures the receiver, and then pointed at the receiver's port.
/// </summary>
internal sealed class LiveWebhook : IAsyncDisposable
{
    private LiveWebhook(TestServer server, HttpClient api, string webhookId, string secret, ReceiverApp receiver)
    {
        Server = server;
        Api = api;
        WebhookId = webhookId;
        Secret = secret;
        Receiver = receiver;
    }

    public TestServer Server { get; }

    public HttpClient Api { get; }

    public string WebhookId { get; }

    public string Secret { get; }

    public ReceiverApp Receiver { get; }

    /// <param name="configure">Runs after <c>Secrets</c> is set to the webhook's secret, so it may replace it.</param>
    public static async Task<LiveWebhook> StartAsync(Action<LibromiWebhookOptions> configure, string[]? events = null, TimeProvider? receiverTime = null)
    {
        var server = await TestServer.StartAsync();
        var api = server.CreateClient();
        var webhook = await api.PostOkAsync("webhooks", new { url = "http://127.0.0.1:9/webhook", events = events ?? ["*"] });
        var secret = webhook.Str("secret");
        var receiver = await ReceiverApp.StartAsync(options =>
        {
            options.Secrets = [secret];
            configure(options);
        }, receiverTime);
        var (status, body) = await api.SendJsonAsync(HttpMethod.Patch, $"webhooks/{webhook.Str("id")}", new { url = receiver.Url.ToString() });
        return status == System.Net.HttpStatusCode.OK
            ? new LiveWebhook(server, api, webhook.Str("id"), secret, receiver)
            : throw new HttpRequestException($"PATCH webhook answered {(int)status}: {body}");
    }

    /// <summary>Reads the webhook's delivery log again after each delivery change the server commits, until <paramref name="done"/> holds for it.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForDeliveriesAsync(Func<IReadOnlyList<JsonElement>, bool> done, TimeSpan? timeout = null) =>
        await Server.WaitForDeliveriesAsync(
            async () => (await Api.GetOkAsync($"webhooks/{WebhookId}/deliveries")).GetProperty("data").EnumerateArray().ToList(),
            deliveries => done(deliveries), timeout);

    public async ValueTask DisposeAsync()
    {
        await Receiver.DisposeAsync();
        Api.Dispose();
        await Server.DisposeAsync();
    }
}
