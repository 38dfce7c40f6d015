using Libromi.Connect.Server.Accounts;

namespace Libromi.Connect.Server.Messages;

/// <summary>What every <see cref="MessagesApi"/> handler is given (bound with <c>[AsParameters]</c>).</summary>
public sealed record MessageServices(MessageService Messages, Caller Caller, HttpContext Http, CancellationToken CancellationToken);
