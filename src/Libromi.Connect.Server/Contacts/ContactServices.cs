using Libromi.Connect.Server.Accounts;

namespace Libromi.Connect.Server.Contacts;

/// <summary>What every <see cref="ContactsApi"/> handler is given (bound with <c>[AsParameters]</c>).</summary>
public sealed record ContactServices(ContactService Contacts, Caller Caller, HttpContext Http, CancellationToken CancellationToken);
