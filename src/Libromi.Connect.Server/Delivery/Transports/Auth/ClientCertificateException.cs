namespace Libromi.Connect.Server.Delivery.Transports.Auth;

/// <summary>A webhook's client certificate could not be used; the message says why, never the key.</summary>
public sealed class ClientCertificateException(string message, Exception inner) : Exception(message, inner);
