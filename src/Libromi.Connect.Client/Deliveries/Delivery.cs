namespace Libromi.Connect.Client;

/// <summary>The delivery of one event to one webhook.</summary>
public sealed record Delivery
{
    /// <summary>The delivery's id, starting with <c>dlv_</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The webhook it goes to.</summary>
    public required string WebhookId { get; init; }

    /// <summary>The event it carries.</summary>
    public required string EventId { get; init; }

    /// <summary>The type of that event.</summary>
    public required string EventType { get; init; }

    /// <summary>Pending, succeeded, failed, or cancelled by a contact erasure.</summary>
    public DeliveryStatus Status { get; init; }

    /// <summary>How many attempts were made so far.</summary>
    public int AttemptCount { get; init; }

    /// <summary>When the next attempt is due, while <see cref="Status"/> is pending; otherwise null.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The HTTP status of the last attempt's answer; null when it got none or none was made.</summary>
    public int? LastStatusCode { get; init; }

    /// <summary>Why the last attempt failed, or null.</summary>
    public string? LastError { get; init; }

    /// <summary>When the delivery was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the delivery last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Every attempt, oldest first, from <see cref="DeliveriesClient.GetAsync"/>; null in lists.</summary>
    public IReadOnlyList<DeliveryAttempt>? Attempts { get; init; }
}
