namespace Libromi.Connect.Client;

/// <summary>What the server's fan-out would decide for one event and one webhook, from <see cref="WebhooksClient.TestFilterAsync"/>.</summary>
public sealed record WebhookFilterTestResult
{
    /// <summary>Whether the event passes the webhook's filter; true when the webhook has none.</summary>
    public bool Matches { get; init; }

    /// <summary>Whether the webhook's <see cref="Webhook.Events"/> include the event's type. The event is delivered when both this and <see cref="Matches"/> hold.</summary>
    public bool Subscribed { get; init; }

    /// <summary>Why the event does not match, one line per failing condition naming its path; empty when it matches.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
}
