namespace Libromi.Connect.Server.Accounts;

/// <summary><c>LIBROMI_API_KEY</c>: the key of the account the server makes sure exists at start (the quick start's).</summary>
public sealed class BootstrapKeyOptions
{
    public const string Variable = "LIBROMI_API_KEY";

    public string? ApiKey { get; set; }

    public static string Rule(string name, string value) =>
        $"{name} must be at least {ApiKeys.MinKeyLength} characters long (it has {value.Length}), like the keys the server generates "
        + "(lbk_ and 43 random characters); use a long random value, such as the output of 'openssl rand -base64 32'.";
}
