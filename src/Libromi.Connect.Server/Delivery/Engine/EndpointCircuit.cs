namespace Libromi.Connect.Server.Delivery.Engine;

/// <summary>
/// A circuit breaker for one endpoint on this node. After <see cref="DeliveryOptions.CircuitBreakerThreshold"/>
/// failed attempts in a row the circuit opens: the endpoint's deliveries stay pending, without being attempted and
/// without using up their retries. When the cool-down ends (<see cref="DeliveryOptions.CircuitBreakerCoolDown"/>, doubling
/// up to <see cref="DeliveryOptions.CircuitBreakerMaxCoolDown"/> while the endpoint keeps failing) one delivery is sent
/// as a probe: its success closes the circuit, its failure opens it again. A dead endpoint so costs almost nothing,
/// and the healthy ones keep the machine to themselves.
/// </summary>
public sealed class EndpointCircuit(DeliveryOptions options)
{
    private readonly Lock _gate = new();
    private int _failuresInARow;
    private TimeSpan _coolDown = options.CircuitBreakerCoolDown;
    private DateTimeOffset _openUntil;

    // Read on every dispatcher loop for every endpoint, so kept readable without taking the lock.
    private volatile CircuitState _state;

    public CircuitState State => _state;

    /// <summary>True while the endpoint's deliveries must not be leased in bulk: open, or waiting for its probe.</summary>
    public bool HoldsBack => _state != CircuitState.Closed;

    /// <summary>When the cool-down ends, while it is running; null otherwise.</summary>
    public DateTimeOffset? OpenUntil(DateTimeOffset now)
    {
        lock (_gate)
        {
            return _state == CircuitState.Open && _openUntil > now ? _openUntil : null;
        }
    }

    /// <summary>How long the circuit stays open if it opens next (doubled after each opening that went before).</summary>
    public TimeSpan NextCoolDown
    {
        get
        {
            lock (_gate)
            {
                return _coolDown;
            }
        }
    }

    /// <summary>True once per cool-down, when it has ended: the caller sends one delivery as the probe.</summary>
    public bool TryStartProbe(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_state != CircuitState.Open || _openUntil > now)
            {
                return false;
            }
            _state = CircuitState.Probing;
            return true;
        }
    }

    /// <summary>Nothing was due to probe with: the next delivery to the endpoint is let through as the probe.</summary>
    public void ProbeFoundNothing()
    {
        lock (_gate)
        {
            _state = CircuitState.Closed;
            _failuresInARow = Math.Max(options.CircuitBreakerThreshold - 1, 0);
        }
    }

    /// <summary>The probe never got an answer (handed back, shutdown): the next loop probes again.</summary>
    public void ProbeAbandoned()
    {
        lock (_gate)
        {
            if (_state == CircuitState.Probing)
            {
                _state = CircuitState.Open;
            }
        }
    }

    /// <summary>True when the circuit remembers nothing: closed, with no failure counted. Such a circuit can be dropped.</summary>
    public bool IsIdle => _state == CircuitState.Closed && Volatile.Read(ref _failuresInARow) == 0;

    /// <summary>Takes in what one outcome said about the endpoint (see <see cref="DeliveryTransition"/>).</summary>
    public void Record(EndpointHealth health, DateTimeOffset now)
    {
        if (health == EndpointHealth.Unchanged)
        {
            ProbeAbandoned();
            return;
        }
        var succeeded = health == EndpointHealth.Succeeded;
        // The common case, a success on a healthy endpoint, changes nothing: skip the lock every attempt would take.
        if (succeeded && _state == CircuitState.Closed && Volatile.Read(ref _failuresInARow) == 0)
        {
            return;
        }
        lock (_gate)
        {
            switch (_state, succeeded)
            {
                case (_, true):
                    _failuresInARow = 0;
                    _coolDown = options.CircuitBreakerCoolDown;
                    _state = CircuitState.Closed;
                    break;
                case (CircuitState.Probing, false):
                    Open(now);
                    break;
                case (CircuitState.Closed, false) when options.CircuitBreakerThreshold > 0 && ++_failuresInARow >= options.CircuitBreakerThreshold:
                    Open(now);
                    break;
                default:
                    // Failures reported while open come from attempts started before it opened: they do not extend it.
                    break;
            }
        }
    }

    private void Open(DateTimeOffset now)
    {
        _openUntil = now + _coolDown;
        _state = CircuitState.Open;
        var doubled = _coolDown * 2;
        var max = options.CircuitBreakerMaxCoolDown > options.CircuitBreakerCoolDown ? options.CircuitBreakerMaxCoolDown : options.CircuitBreakerCoolDown;
        _coolDown = doubled < max ? doubled : max;
    }
}
