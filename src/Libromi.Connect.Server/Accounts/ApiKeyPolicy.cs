using Microsoft.AspNetCore.Authorization;

namespace Libromi.Connect.Server.Accounts;

/// <summary>
/// Everything under <c>/api/v1</c> needs a caller, also a path that has no endpoint or not for this method: an
/// anonymous request learns nothing about which routes exist. Everything else (health, the API reference) is open.
/// </summary>
public static class ApiKeyPolicy
{
    public const string PathPrefix = "/api/v1";

    public static AuthorizationPolicy Fallback { get; } = new AuthorizationPolicyBuilder()
        .RequireAssertion(c => c.User.Identity?.IsAuthenticated == true || c.Resource is not HttpContext http || !http.Request.Path.StartsWithSegments(PathPrefix))
        .Build();

    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().SetFallbackPolicy(Fallback);
        return services;
    }
}
