namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>
/// What an outcome does: the delivery's next <see cref="Status"/> and due time, the attempt it logs (none when the
/// delivery is handed back unattempted), and what it says about the endpoint.
/// </summary>
public sealed record DeliveryStep(DeliveryStatus Status, DateTimeOffset NextAttemptAt, AttemptLogEntry? Attempt, EndpointHealth Health)
{
    /// <summary>Back in the queue, due at once, without an attempt counted.</summary>
    public bool HandedBack => Attempt is null;
}
