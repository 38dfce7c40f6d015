namespace Libromi.Connect.Server.Messages;

/// <summary>Body of <c>POST /api/v1/messages</c>: send a message to a contact. <c>type</c> defaults to "text".</summary>
public sealed record SendMessageRequest(string? ContactId, string? Content, string? Type);

/// <summary>Body of <c>POST /api/v1/inbound/messages</c>: the channel reports a message received from a phone number.</summary>
public sealed record InboundMessageRequest(string? From, string? Name, string? Content);
