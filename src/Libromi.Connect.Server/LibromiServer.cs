namespace Libromi.Connect.Server;

/// <summary>Builds the Libromi Connect web application: one entry point for Program and for tests.</summary>
public static class LibromiServer
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
        return app;
    }
}
