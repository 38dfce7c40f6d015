using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.Deliveries;

/// <summary><c>libromi deliveries …</c>: what was sent to each webhook, attempt by attempt.</summary>
internal static class DeliveriesCommand
{
    public static Command Create(CliContext context) => new("deliveries", "Read delivery logs and retry deliveries.")
    {
        ListDeliveriesCommand.Create(context),
        GetDeliveryCommand.Create(context),
        RetryDeliveryCommand.Create(context),
    };
}
