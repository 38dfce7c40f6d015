using Libromi.Connect.Server.Dashboard.Assets;
using Libromi.Connect.Server.Dashboard.Sessions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Dashboard;

/// <summary>
/// The web dashboard at <c>/dashboard</c>: Razor Pages rendered on the server, a cookie session, antiforgery on every
/// form, and one small script of our own for the live views. Its pages call the same services as the API.
/// </summary>
public static class DashboardRegistration
{
    public const string PathPrefix = "/dashboard";
    public const string SignedIn = "Dashboard";
    public const string Owner = "DashboardOwner";

    public static IServiceCollection AddLibromiDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection("Dashboard"))
            .Validate(o => o.SessionLifetime > TimeSpan.Zero, "Dashboard:SessionLifetime must be a positive time span such as 08:00:00.")
            .Validate(o => o.FrameAncestors.All(DashboardHeaders.IsOrigin),
                "Dashboard:FrameAncestors must list origins such as https://app.example.com (scheme, host and optional port; no path).")
            .ValidateOnStart();
        var options = configuration.GetSection("Dashboard").Get<DashboardOptions>() ?? new DashboardOptions();
        if (options.KeysPath is { Length: > 0 } keys)
        {
            services.AddDataProtection().SetApplicationName("Libromi.Connect").PersistKeysToFileSystem(new DirectoryInfo(keys));
        }

        services.AddSingleton<DashboardSessionCheck>();
        services.AddSingleton<DashboardAssets>();
        services.AddAuthentication().AddCookie(DashboardClaims.Scheme, o =>
        {
            o.Cookie.Name = "libromi_dashboard";
            o.Cookie.Path = PathPrefix;
            o.Cookie.HttpOnly = true;
            ApplySameSite(o.Cookie, options);
            o.LoginPath = PathPrefix + "/sign-in";
            o.LogoutPath = PathPrefix + "/sign-out";
            o.AccessDeniedPath = PathPrefix + "/forbidden";
            o.ExpireTimeSpan = options.SessionLifetime;
            o.SlidingExpiration = false;
            o.EventsType = typeof(DashboardSessionCheck);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(SignedIn, p => p.AddAuthenticationSchemes(DashboardClaims.Scheme).RequireAssertion(c => c.User.IsSignedIn()))
            .AddPolicy(Owner, p => p.AddAuthenticationSchemes(DashboardClaims.Scheme).RequireAssertion(c => c.User.IsSignedIn() && !c.User.IsPortal()));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "libromi_antiforgery";
            o.Cookie.Path = PathPrefix;
            ApplySameSite(o.Cookie, options);
            o.FormFieldName = "__csrf";
            o.SuppressXFrameOptionsHeader = true;
        });
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = "libromi_notice";
            o.Cookie.Path = PathPrefix;
            ApplySameSite(o.Cookie, options);
        });
        // Razor escapes what HTML needs (<, >, &, quotes) and, by default, every character outside Basic Latin too;
        // allowing all ranges keeps names like "Zoë" readable in the page source without making anything less safe.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Dashboard/Pages";
            o.Conventions.AuthorizeFolder("/", SignedIn);
            o.Conventions.AllowAnonymousToPage("/SignIn");
            o.Conventions.AllowAnonymousToPage("/Portal");
            o.Conventions.AuthorizePage("/ApiKeys", Owner);
            o.Conventions.AuthorizePage("/Events", Owner);
            o.Conventions.AuthorizePage("/ListenSessions", Owner);
        }).AddApplicationPart(typeof(DashboardRegistration).Assembly);
        return services;
    }

    public static WebApplication MapLibromiDashboard(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.Enabled)
        {
            return app;
        }
        var embeddable = app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.Embeddable;
        app.UseWhen(c => c.Request.Path.StartsWithSegments(PathPrefix), b =>
        {
            b.UseMiddleware<DashboardHeaders>();
            if (embeddable)
            {
                AllowFraming(b);
            }
        });
        app.MapDashboardAssets();
        app.MapRazorPages();
        return app;
    }

    /// <summary><c>SameSite=Strict</c>, HttpOnly, and <c>Secure</c> under HTTPS; see <see cref="AllowFraming"/> for the embeddable portal.</summary>
    private static void ApplySameSite(CookieBuilder cookie, DashboardOptions options)
    {
        cookie.HttpOnly = true;
        cookie.SameSite = SameSiteMode.Strict;
        cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    }

    /// <summary>
    /// When the portal may be framed by another site, a Strict cookie would never reach the frame, so under HTTPS the
    /// dashboard's cookies become <c>SameSite=None; Secure; Partitioned</c> (the browser keeps them apart per embedding
    /// site) and the antiforgery token does what SameSite no longer can. Over plain HTTP they stay Strict: a browser
    /// refuses <c>SameSite=None</c> without <c>Secure</c>, and framing needs HTTPS anyway.
    /// </summary>
    private static void AllowFraming(IApplicationBuilder app) => app.UseCookiePolicy(new CookiePolicyOptions
    {
        OnAppendCookie = c =>
        {
            if (c.Context.Request.IsHttps)
            {
                c.CookieOptions.SameSite = SameSiteMode.None;
                c.CookieOptions.Secure = true;
                c.CookieOptions.Extensions.Add("Partitioned");
            }
        },
    });
}
