namespace Libromi.Connect.Server.Dashboard.Assets;

/// <summary><c>GET /dashboard/assets/{name}</c>: open to everyone, since the sign-in page needs the style sheet.</summary>
public static class DashboardAssetsEndpoint
{
    public static void MapDashboardAssets(this WebApplication app) =>
        app.MapGet(DashboardRegistration.PathPrefix + "/assets/{name}", (HttpContext context, string name, DashboardAssets assets) => assets.Serve(context, name))
            .ExcludeFromDescription();
}
