using System.CommandLine;
using Libromi.Connect.Cli.Output;
using Libromi.Connect.Client;

namespace Libromi.Connect.Cli.Infrastructure;

/// <summary>The options every command takes: which server, which account, and how to print.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = $"The account's API key. Default: the {LibromiClientOptions.ApiKeyVariable} environment variable.",
        Recursive = true,
    };

    public Option<Uri?> ApiUrl { get; } = new("--api-url")
    {
        Description = $"The server's root URL. Default: the {LibromiClientOptions.BaseUrlVariable} environment variable, else {LibromiClientOptions.DefaultBaseUrl}.",
        Recursive = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            {
                return url;
            }
            result.AddError($"--api-url must be an absolute http or https URL such as https://connect.example.com; '{text}' is not.");
            return null;
        },
    };

    public Option<OutputFormat> Output { get; } = new("--output", "-o")
    {
        Description = "table (readable; plain text when redirected) or json. Default: table.",
        HelpName = "table|json",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Options.Add(ApiKey);
        root.Options.Add(ApiUrl);
        root.Options.Add(Output);
    }
}
