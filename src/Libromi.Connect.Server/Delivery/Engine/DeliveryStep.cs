namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>
/// What an outcome does: the delivery's next <see cref="Status"/> and due time, the attempt it logs (none when the
/// delivery is handed back unattempted), what it says about the endpoint's health, and what it asks of the endpoint's
/// pace (<see cref="EndpointPressure"/>).
/// </summary>
public sealed record DeliveryStep(DeliveryStatus Status, DateTimeOffset NextAttemptAt, AttemptLogEntry? Attempt, EndpointHealth Health,
    EndpointPressure Pressure = default)
{
    /// <summary>Back in the queue, due at once, without an attempt counted.</summary>
    public bool HandedBack => Attempt is null;
}
