namespace Libromi.Connect.Server.Storage;

/// <summary>The database could not be reached; the operation changed nothing and may be retried.</summary>
public sealed class StoreUnavailableException(string message, Exception inner) : Exception(message, inner);
