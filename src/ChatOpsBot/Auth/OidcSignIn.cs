using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace ChatOpsBot.Auth;

/// <summary>Settings under "Auth:Oidc": sign-in for the console and the read API (Sign in with Slack, Entra ID, Google, Keycloak...).</summary>
public sealed class OidcOptions
{
    public const string Section = "Auth:Oidc";

    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(Authority);
}

/// <summary>
/// OpenID Connect sign-in (authorization code flow), remembered in a cookie. The signed-in identity is the console
/// user and decides which private incidents the read API shows (<see cref="Viewer"/>).
/// </summary>
public static partial class OidcSignIn
{
    public static WebApplicationBuilder AddSignIn(this WebApplicationBuilder builder)
    {
        var oidc = builder.Configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        if (!oidc.IsConfigured)
        {
            return builder;
        }

        if (string.IsNullOrEmpty(oidc.ClientId) || string.IsNullOrEmpty(oidc.ClientSecret) || !Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority))
        {
            throw new InvalidOperationException("Auth:Oidc:Authority (an absolute URL), Auth:Oidc:ClientId and Auth:Oidc:ClientSecret go together; set all three.");
        }

        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = "chatopsbot_signin";
                o.Cookie.SameSite = SameSiteMode.Lax;
                // An API client gets 401, not a redirect to the identity provider's login page.
                o.Events.OnRedirectToLogin = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
            })
            .AddOpenIdConnect(o =>
            {
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "email" })
                {
                    o.Scope.Add(scope);
                }

                o.MapInboundClaims = false; // keep "sub", "preferred_username", "email" as the provider names them
                o.SaveTokens = false;
                // A provider on this machine (a development Keycloak) may speak plain HTTP; anything else must not.
                o.RequireHttpsMetadata = !(authority.IsLoopback || IPAddress.TryParse(authority.Host, out var ip) && IPAddress.IsLoopback(ip));
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // A callback that does not verify (forged or expired token, replayed state, a provider error) is the
                // client's problem, not a 500: 401 with a way forward, and the reason in the log, never the token.
                o.Events.OnRemoteFailure = context =>
                {
                    LogSignInFailed(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSignIn)),
                        context.Failure?.GetType().Name ?? "unknown");
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    context.HandleResponse();
                    return context.Response.WriteAsync("Sign-in did not succeed: the identity provider's answer could not be verified. Try again at /login.");
                };
            });
        return builder;
    }

    /// <summary>
    /// GET /login with sign-in configured: off to the identity provider, then back to <c>returnUrl</c> if it is a
    /// path on this host (never another site: an open redirect would lend the bot's name to phishing), else the console.
    /// </summary>
    public static bool TryChallenge(HttpContext http, out IResult result)
    {
        var returnUrl = http.Request.Query["returnUrl"].ToString();
        var back = IsLocalPath(returnUrl) ? returnUrl : "/";
        result = Results.Challenge(new AuthenticationProperties { RedirectUri = back }, [OpenIdConnectDefaults.AuthenticationScheme]);
        return Viewer.IsSignInConfigured(http);
    }

    /// <summary>
    /// Where a person's browser goes to sign in when it asks for a page it may not see yet (a GET that accepts HTML,
    /// with sign-in configured): /login, remembering the page. Null for API clients, who get the 401.
    /// </summary>
    public static string? SignInPageFor(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method) && Viewer.IsSignInConfigured(http)
            && http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
            ? "/login?returnUrl=" + Uri.EscapeDataString(http.Request.PathBase + http.Request.Path + http.Request.QueryString)
            : null;

    private static bool IsLocalPath(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenID Connect sign-in failed: {Reason}")]
    private static partial void LogSignInFailed(ILogger logger, string reason);
}
