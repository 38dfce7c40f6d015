using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Delivery;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Listen;

/// <summary>What every <see cref="ListenApi"/> handler is given (bound with <c>[AsParameters]</c>).</summary>
public sealed record ListenServices(ListenService Sessions, IOptions<DeliveryOptions> Options, TimeProvider Time, IHostApplicationLifetime Lifetime,
    Caller Caller, HttpContext Http, CancellationToken CancellationToken);
