namespace Libromi.Connect.Client;

/// <summary>The <c>webhook.test</c> event that <see cref="WebhooksClient.TestAsync"/> sent, and its delivery to follow.</summary>
public sealed record WebhookTestResult
{
    /// <summary>The test event's id; <see cref="EventsClient.GetAsync"/> shows it.</summary>
    public required string EventId { get; init; }

    /// <summary>The delivery of the test event; <see cref="DeliveriesClient.GetAsync"/> shows its attempts.</summary>
    public required string DeliveryId { get; init; }
}
