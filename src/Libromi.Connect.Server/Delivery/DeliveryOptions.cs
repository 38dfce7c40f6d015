namespace Libromi.Connect.Server.Delivery;

/// <summary>How webhooks are delivered. Bound from the <c>Delivery</c> configuration section.</summary>
public sealed class DeliveryOptions
{
    /// <summary>How long one attempt may take, connection to the last byte read. Default 30 s (the documented figure).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Delays before each retry after a failed attempt. Default 5 s, 5 min, 30 min: three retries.</summary>
    public TimeSpan[] RetrySchedule { get; set; } = [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)];

    /// <summary>Random spread applied to each retry delay, as a fraction. Default 0.2 (±20%).</summary>
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>The longest <c>Retry-After</c> (on 429/503) that is honoured; longer values are capped. Default 1 h.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A webhook failing without a single success for this long is disabled. Default 5 days.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>How long a rotated-out secret keeps signing next to the new one. Default 24 h.</summary>
    public TimeSpan SecretGracePeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Attempts in flight at once across all endpoints. Default 512.</summary>
    public int MaxConcurrency { get; set; } = 512;

    /// <summary>Attempts in flight at once to one endpoint, so a slow endpoint cannot starve the others. Default 32.</summary>
    public int MaxConcurrencyPerEndpoint { get; set; } = 32;

    /// <summary>Deliveries leased in one store round trip. Default 256.</summary>
    public int LeaseBatchSize { get; set; } = 256;

    /// <summary>Outcomes written in one transaction at most. Default 512.</summary>
    public int OutcomeBatchSize { get; set; } = 512;

    /// <summary>
    /// Allow webhooks to loopback, private, link-local and other internal addresses, which turns the guard against
    /// server-side request forgery off. Default false, in every environment; the server logs a warning at start when
    /// it is true.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>
    /// The HTTP proxy every delivery and token request leaves through, such as <c>http://user:password@proxy.internal:3128</c>
    /// (HTTPS targets through CONNECT tunnels). Default none: connections go straight to the endpoints. The SSRF guard
    /// still checks each target before the request leaves (docs/webhooks.md, "Egress proxy").
    /// </summary>
    public string? Proxy { get; set; }

    /// <summary>
    /// Hosts connected to directly despite <see cref="Proxy"/>, comma-separated: <c>hooks.example.com</c> only that host,
    /// <c>.example.com</c> or <c>*.example.com</c> every name under example.com, <c>*</c> all. Default none.
    /// </summary>
    public string? NoProxy { get; set; }

    /// <summary>
    /// A PEM bundle of CA certificates trusted for endpoints' TLS certificates next to the system's roots, for receivers
    /// behind a private CA. Default none: the system's roots only.
    /// </summary>
    public string? TrustedCertificateAuthorities { get; set; }

    /// <summary>How often an idle dispatcher checks the store even without a wake-up (safety net for other nodes' work). Default 5 s.</summary>
    public TimeSpan IdleCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A delivery's lease lasts one attempt's timeout plus this margin. Default 30 s.</summary>
    public TimeSpan LeaseMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Failed attempts in a row after which an endpoint's circuit opens (see <see cref="EndpointCircuit"/>). Default 10; 0 turns the breaker off.</summary>
    public int CircuitBreakerThreshold { get; set; } = 10;

    /// <summary>How long an open circuit first holds an endpoint's deliveries back. Default 5 s, doubling while it keeps failing.</summary>
    public TimeSpan CircuitBreakerCoolDown { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest an open circuit holds an endpoint's deliveries back. Default 2 min.</summary>
    public TimeSpan CircuitBreakerMaxCoolDown { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How far a webhook's <c>rate_limit</c> leaves room for sends to drift: N deliveries are spaced over 1 s plus this,
    /// so that late dispatch, network jitter and clock differences between nodes up to this much still leave at most N
    /// in any second at the receiver. Default 100 ms (sends at about 91% of the limit).
    /// </summary>
    public TimeSpan RateLimitMargin { get; set; } = TimeSpan.FromMilliseconds(100);

    public int MaxAttempts => 1 + RetrySchedule.Length;
}
