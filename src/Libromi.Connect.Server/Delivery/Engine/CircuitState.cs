namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>Where an <see cref="EndpointCircuit"/> stands.</summary>
public enum CircuitState
{
    /// <summary>Deliveries flow; failures in a row are counted.</summary>
    Closed,

    /// <summary>Deliveries are held back until the cool-down ends.</summary>
    Open,

    /// <summary>The cool-down has ended and one delivery is out as the probe; the others are still held back.</summary>
    Probing,
}
