using Libromi.Connect.Server.Accounts;

namespace Libromi.Connect.Server.Events;

/// <summary>What every <see cref="EventsApi"/> handler is given (bound with <c>[AsParameters]</c>).</summary>
public sealed record EventServices(EventService Events, Caller Caller, CancellationToken CancellationToken);
