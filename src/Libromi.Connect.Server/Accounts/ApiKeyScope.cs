namespace Libromi.Connect.Server.Accounts;

/// <summary>What an API key may do: <c>full</c> everything, <c>read</c> only GET (and HEAD) requests.</summary>
public static class ApiKeyScope
{
    public const string Full = "full";
    public const string Read = "read";

    public static bool IsKnown(string? scope) => scope is Full or Read;

    /// <summary>True when a key of <paramref name="scope"/> may make a request with <paramref name="method"/>.</summary>
    public static bool Allows(string scope, string method) =>
        scope == Full || HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
}
