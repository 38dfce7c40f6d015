using System.CommandLine;
using Libromi.Connect.Cli.Infrastructure;

namespace Libromi.Connect.Cli.Webhooks;

/// <summary><c>libromi webhooks …</c>: the endpoints that receive events.</summary>
internal static class WebhooksCommand
{
    public static Command Create(CliContext context) => new("webhooks", "Register and manage webhook endpoints.")
    {
        ListWebhooksCommand.Create(context),
        CreateWebhookCommand.Create(context),
        GetWebhookCommand.Create(context),
        WebhookSecretCommand.Create(context),
        UpdateWebhookCommand.Create(context),
        DeleteWebhookCommand.Create(context),
        RotateWebhookSecretCommand.Create(context),
        TestWebhookCommand.Create(context),
        FilterTestWebhookCommand.Create(context),
        RecoverWebhookCommand.Create(context),
    };
}
