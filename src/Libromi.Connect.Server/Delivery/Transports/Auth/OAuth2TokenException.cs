namespace Libromi.Connect.Server.Delivery.Transports.Auth;

/// <summary>No usable token came from the token endpoint; the message names the endpoint and what it answered, never a secret.</summary>
public sealed class OAuth2TokenException(string message, Exception? inner = null) : Exception(message, inner);
