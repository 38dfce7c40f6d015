using System.CommandLine;

namespace Libromi.Connect.Cli.Webhooks;

/// <summary>Options that <c>webhooks create</c> and <c>webhooks update</c> share.</summary>
internal static class WebhookOptions
{
    public static Option<string?> Ordering(string description)
    {
        var ordering = new Option<string?>("--ordering") { Description = description };
        ordering.AcceptOnlyFromAmong("none", "contact");
        return ordering;
    }

    public static Option<string?> Signing(string description)
    {
        var signing = new Option<string?>("--signing") { Description = description };
        signing.AcceptOnlyFromAmong(Client.WebhookSigning.Hmac, Client.WebhookSigning.Ed25519);
        return signing;
    }
}
