using Libromi.Connect.Server.Accounts.Admin;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Libromi.Connect.Server.Accounts;

/// <summary>
/// Who may call what. Everything under <c>/api/v1</c> needs a key of an enabled account, and a <c>full</c> one to write,
/// also on a path that has no endpoint or not for this method: an anonymous request learns nothing about which routes
/// exist. Everything under <c>/admin/v1</c> (when the admin API is on) needs the operator key, and <c>/dashboard</c> its
/// own cookie session (see <c>DashboardRegistration</c>). The rest (health, the API reference) is open. Requests are
/// authenticated by the scheme of their path: an account key is never tried on <c>/admin/v1</c>, nor the operator key
/// on <c>/api/v1</c>, nor a dashboard cookie on either.
/// </summary>
public static class ApiKeyPolicy
{
    public const string PathPrefix = "/api/v1";
    private const string SchemeByPath = "Libromi";

    /// <summary>The policy of every <c>/api/v1</c> endpoint (the default one).</summary>
    public static AuthorizationPolicy Account { get; } = new AuthorizationPolicyBuilder().RequireAssertion(c => AllowsAccount(c)).Build();

    /// <summary>The policy of the admin API's endpoints.</summary>
    public static AuthorizationPolicy Admin { get; } = new AuthorizationPolicyBuilder().RequireAssertion(c => c.User.HasClaim(AdminKeyAuthentication.OperatorClaim, "true")).Build();

    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services, bool adminApi)
    {
        services.AddSingleton<ApiKeyUsage>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiKeyUsage>());
        services.AddAuthentication(SchemeByPath)
            .AddPolicyScheme(SchemeByPath, null, o => o.ForwardDefaultSelector = c =>
                c.Request.Path.StartsWithSegments(AdminKeyAuthentication.PathPrefix) ? AdminKeyAuthentication.SchemeName
                : c.Request.Path.StartsWithSegments(Dashboard.DashboardRegistration.PathPrefix) ? Dashboard.Sessions.DashboardClaims.Scheme
                : ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, AdminKeyAuthentication>(AdminKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(Account)
            .AddPolicy(AdminKeyAuthentication.SchemeName, Admin)
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAssertion(c => c.Resource is not HttpContext http
                || (http.Request.Path.StartsWithSegments(PathPrefix) ? AllowsAccount(c)
                    : !adminApi || !http.Request.Path.StartsWithSegments(AdminKeyAuthentication.PathPrefix) || c.User.HasClaim(AdminKeyAuthentication.OperatorClaim, "true"))).Build());
        return services;
    }

    private static bool AllowsAccount(AuthorizationHandlerContext context)
    {
        var user = context.User;
        if (user.FindFirst(ApiKeyAuthentication.ScopeClaim)?.Value is not { } scope || user.HasClaim(c => c.Type == ApiKeyAuthentication.DisabledClaim))
        {
            return false;
        }
        var method = context.Resource switch
        {
            HttpContext http => http.Request.Method,
            _ => null,
        };
        return method is not null && ApiKeyScope.Allows(scope, method);
    }
}
