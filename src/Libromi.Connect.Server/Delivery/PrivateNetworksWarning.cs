using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Delivery;

/// <summary>Says at start, on every node, when the guard against server-side request forgery is off.</summary>
public sealed partial class PrivateNetworksWarning(IOptions<DeliveryOptions> options, ILogger<PrivateNetworksWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.AllowPrivateNetworks)
        {
            LogGuardOff(logger);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery:AllowPrivateNetworks is true, so the SSRF guard is off: webhooks may be registered "
        + "for and delivered to loopback, private, link-local (cloud metadata) and other internal addresses. Leave it unset outside local development.")]
    private static partial void LogGuardOff(ILogger logger);
}
