using System.Text.Json;
using Libromi.Connect.Server.Tests.Support;
using Libromi.Connect.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>
/// The SSRF guard is on unless <c>Delivery:AllowPrivateNetworks=true</c> is set, in every environment, and the server
/// says so at start whenever it is off.
/// </summary>
public sealed class PrivateNetworkTests
{
    [Fact]
    public async Task In_the_Development_environment_without_the_flag_loopback_is_refused_at_registration_and_at_connect_time()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await TestServer.StartAsync();
        using var client = server.CreateClient();
        var viaName = new UriBuilder(receiver.Url) { Host = "localhost" }.Uri;
        var (webhookId, _) = await client.CreateWebhookAsync(viaName, "contact.created");

        server.Settings["environment"] = "Development";
        server.Settings["Delivery:AllowPrivateNetworks"] = null;
        server.Settings["Delivery:RetrySchedule:0"] = "00:00:00.010";
        server.Settings["Delivery:RetrySchedule:1"] = "00:00:00.010";
        server.Settings["Delivery:RetrySchedule:2"] = "00:00:00.010";
        await server.RestartAsync();
        Assert.True(server.Services.GetRequiredService<IHostEnvironment>().IsDevelopment());
        using var restarted = server.CreateClient();

        (await restarted.PostAsync("webhooks", JsonSerializer.Serialize(new { url = receiver.Url, events = new[] { "*" } }))).AssertInvalidFields("url");
        await restarted.CreateContactAsync("Ada", "+15550000060");
        var delivery = await server.WaitForDeliveryAsync(restarted, await server.OnlyDeliveryIdAsync(restarted, webhookId), d => d.Str("status") == "failed");
        Assert.All(delivery.GetProperty("attempts").EnumerateArray(), a => Assert.Equal("blocked_address", a.Str("error_kind")));
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task With_the_flag_set_the_server_warns_at_start_that_the_guard_is_off_and_without_it_says_nothing()
    {
        var logs = new LogRecorder();
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Delivery:AllowPrivateNetworks"] = "true" },
            configure: builder => builder.Logging.AddProvider(logs));

        var warning = Assert.Single(logs.Entries, e => e.Message.Contains("AllowPrivateNetworks", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("SSRF", warning.Message, StringComparison.Ordinal);

        logs.Clear();
        server.Settings["Delivery:AllowPrivateNetworks"] = null;
        await server.RestartAsync();

        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("AllowPrivateNetworks", StringComparison.Ordinal));
    }
}
