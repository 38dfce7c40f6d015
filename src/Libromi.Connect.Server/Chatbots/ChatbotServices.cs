using Libromi.Connect.Server.Accounts;

namespace Libromi.Connect.Server.Chatbots;

/// <summary>What every <see cref="ChatbotsApi"/> handler is given (bound with <c>[AsParameters]</c>).</summary>
public sealed record ChatbotServices(ChatbotService Chatbots, Caller Caller, HttpContext Http, CancellationToken CancellationToken);
