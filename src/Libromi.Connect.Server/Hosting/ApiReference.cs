using Scalar.AspNetCore;

namespace Libromi.Connect.Server.Hosting;

/// <summary>
/// The API reference at <c>/docs</c> (Scalar, served from the server itself) as part of the product: its title and
/// icon, no third-party buttons ("Deploy" in the developer toolbar, "Ask AI", "Open API Client"), no MCP link, no fonts from a CDN and
/// no telemetry to Scalar.
/// </summary>
public static class ApiReference
{
    public static void Configure(ScalarOptions options)
    {
        options.Title = OpenApiProductInfo.Title + " reference";
        options.Favicon = "/dashboard/assets/favicon.svg";
        options.ShowDeveloperTools = DeveloperToolsVisibility.Never;
        // "Open API Client" links to client.scalar.com, handing it the document's address.
        options.HideClientButton = true;
        options.Agent = new ScalarAgentOptions { Disabled = true };
        options.Mcp = new ScalarMcpOptions { Disabled = true };
        options.DefaultFonts = false;
        options.Telemetry = false;
    }
}
