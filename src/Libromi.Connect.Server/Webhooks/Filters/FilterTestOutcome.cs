namespace Libromi.Connect.Server.Webhooks.Filters;

/// <summary>A filter test's answer, or which of the webhook and the event the account does not have.</summary>
public sealed record FilterTestOutcome(FilterTestResponse? Response, bool WebhookFound = true)
{
    public static readonly FilterTestOutcome NoWebhook = new(null, WebhookFound: false);

    public static readonly FilterTestOutcome NoEvent = new((FilterTestResponse?)null);
}
