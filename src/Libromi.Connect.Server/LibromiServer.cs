using Libromi.Connect.Server.Hosting;

namespace Libromi.Connect.Server;

/// <summary>Builds the Libromi Connect web application: one entry point for Program and for in-process tests.</summary>
public static class LibromiServer
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddLibromiServer();
        return builder.Build().MapLibromiServer();
    }
}
