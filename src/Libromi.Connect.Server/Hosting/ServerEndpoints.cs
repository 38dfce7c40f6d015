using Libromi.Connect.Server.Accounts;
using Libromi.Connect.Server.Accounts.Admin;
using Libromi.Connect.Server.Accounts.Portal;
using Libromi.Connect.Server.Accounts.Settings;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Chatbots;
using Libromi.Connect.Server.Contacts;
using Libromi.Connect.Server.Contacts.PhoneCheck;
using Libromi.Connect.Server.Dashboard;
using Libromi.Connect.Server.Delivery;
using Libromi.Connect.Server.Events;
using Libromi.Connect.Server.Hosting.Health;
using Libromi.Connect.Server.Listen;
using Libromi.Connect.Server.Messages;
using Libromi.Connect.Server.Stats;
using Libromi.Connect.Server.Telemetry;
using Libromi.Connect.Server.Webhooks;
using Scalar.AspNetCore;

namespace Libromi.Connect.Server.Hosting;

/// <summary>The request pipeline and every route.</summary>
public static class ServerEndpoints
{
    public static WebApplication MapLibromiServer(this WebApplication app)
    {
        app.UseMiddleware<ProtectiveHeaders>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestHeaderLimits>();
        app.MapLibromiHealth();
        app.MapLibromiTelemetry();
        if (!app.Services.GetRequiredService<NodeOptions>().ServesApi)
        {
            return app;
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", ApiReference.Configure);
        app.MapLibromiDashboard();

        app.MapGroup(ApiKeyPolicy.PathPrefix)
            .RequireAuthorization()
            .WithPipelineProblems()
            .AddEndpointFilter(Api.NulGuard.InvokeAsync)
            .MapApiKeysApi()
            .MapAccountApi()
            .MapPortalSessionsApi()
            .MapContactsApi()
            .MapMessagesApi()
            .MapChatbotsApi()
            .MapWebhooksApi()
            .MapDeliveriesApi()
            .MapEventsApi()
            .MapStatsApi()
            .MapListenApi();
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Accounts.Admin.AdminOptions>>().Value.Enabled)
        {
            app.MapGroup(Accounts.Admin.AdminKeyAuthentication.PathPrefix)
                .RequireAuthorization(Accounts.Admin.AdminKeyAuthentication.SchemeName)
                .WithPipelineProblems()
                .AddEndpointFilter(Api.NulGuard.InvokeAsync)
                .MapAdminApi()
                .MapPhoneCheckApi();
        }
        return app;
    }
}
