namespace Libromi.Connect.Server.Delivery.Outcomes;

/// <summary>Why an attempt was not made.</summary>
public enum SkipReason
{
    /// <summary>The webhook is disabled: the delivery ends failed, with a logged attempt that says so.</summary>
    WebhookDisabled,

    /// <summary>The server is stopping: handed back, due at once, no attempt counted.</summary>
    ShuttingDown,

    /// <summary>The lease no longer covers a whole attempt (it may already be another worker's): handed back.</summary>
    LeaseTooShort,

    /// <summary>The endpoint's circuit opened while the delivery waited: handed back.</summary>
    CircuitOpen,

    /// <summary>The endpoint had no free slot for it: handed back.</summary>
    EndpointBusy,

    /// <summary>The endpoint asked for a pause (<c>Retry-After</c>) while the delivery waited: handed back to the pause's end.</summary>
    EndpointPaused,

    /// <summary>The delivery missed its send slot under the endpoint's rate limit: handed back, to take a new slot.</summary>
    RateLimited,
}
