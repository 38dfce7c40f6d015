namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>What one outcome says about its endpoint, for the circuit breaker and the webhook's failing/disabled state.</summary>
public enum EndpointHealth
{
    /// <summary>Nothing: the attempt was not made.</summary>
    Unchanged,

    /// <summary>The endpoint took the event.</summary>
    Succeeded,

    /// <summary>The endpoint failed it.</summary>
    Failed,

    /// <summary>The endpoint answered 410 Gone: the webhook is disabled.</summary>
    Gone,
}
