namespace Libromi.Connect.Server.Delivery.Transports.Auth;

/// <summary>
/// How a webhook's endpoint authenticates the requests it receives: what the HTTP transport adds to each attempt. The
/// subtypes hold write-only secrets, so none of them prints its secret (a record's generated <c>ToString</c> would).
/// </summary>
public abstract record EndpointAuth
{
    /// <summary>The <c>type</c> of the API's <c>auth</c> object.</summary>
    public abstract string Type { get; }
}
