using System.Net;
using ChatOpsBot.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Auth;

/// <summary>Settings under "Api".</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>When set, the read API and the console require it (bearer header, or the login cookie in a browser).</summary>
    public string? AccessToken { get; set; }
}

/// <summary>
/// The one shared access token for the read API and the console. Off when no token is configured, which is
/// fine on a laptop; the README says to set it whenever the host is reachable beyond localhost.
/// </summary>
public static class AccessToken
{
    public const string CookieName = "chatopsbot_token";

    public static WebApplicationBuilder AddAccessToken(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section)
            .Validate(o => o.AccessToken is null || o.AccessToken.Length == 0 || o.AccessToken.Length >= 16,
                "Api:AccessToken must be at least 16 characters (or empty to turn access control off).")
            .ValidateOnStart();
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, AccessTokenAuthentication>(AccessTokenAuthentication.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(AccessTokenAuthentication.Policy, policy => policy
            .AddAuthenticationSchemes(AccessTokenAuthentication.SchemeName)
            .RequireAuthenticatedUser());
        return builder;
    }

    /// <summary>Only for a <see cref="Viewer"/>: anyone else gets <see cref="AccessTokenAuthentication"/>'s 401 naming the keys to set.</summary>
    public static TBuilder RequireAccessToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(AccessTokenAuthentication.Policy);

    public static WebApplication MapAccessTokenLogin(this WebApplication app)
    {
        // Here rather than where WebApplication would add them (first): after request logging and the failure
        // answers, so a refused request is logged and answered like any other.
        app.UseAuthentication();
        app.UseAuthorization();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            if (string.IsNullOrEmpty(app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.AccessToken)
                && string.IsNullOrEmpty(app.Configuration["Auth:Oidc:Authority"]))
            {
                app.Logger.LogWarning("{Access}", Viewer.Unconfigured);
            }
        });
        app.MapGet("/login", (HttpContext http) => OidcSignIn.TryChallenge(http, out var challenge)
            ? challenge
            : Results.Content(LoginPage(null), "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapPost("/login", async (HttpContext http, IOptions<ApiOptions> options, ILoggerFactory loggers) =>
        {
            if (!http.Request.HasFormContentType)
            {
                return Results.Content(LoginPage("Send the token from this form (application/x-www-form-urlencoded)."), "text/html; charset=utf-8",
                    statusCode: StatusCodes.Status415UnsupportedMediaType);
            }

            IFormCollection form;
            try
            {
                form = await http.Request.ReadFormAsync(http.RequestAborted);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
            {
                return Results.Content(LoginPage("That form could not be read (malformed or too large)."), "text/html; charset=utf-8",
                    statusCode: StatusCodes.Status400BadRequest);
            }

            var token = form["token"].ToString();
            var expected = options.Value.AccessToken;
            if (string.IsNullOrEmpty(expected) || ConstantTime.Matches(token, expected))
            {
                http.Response.Cookies.Append(CookieName, token, new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Strict,
                    Secure = http.Request.IsHttps,
                    MaxAge = TimeSpan.FromDays(30),
                });
                return Results.Redirect("/");
            }

            // Never log what was typed: it may be a near-miss of the real token.
            loggers.CreateLogger("ChatOpsBot.Login").LogWarning("Console login refused from {RemoteIp}", http.Connection.RemoteIpAddress);
            return Results.Content(LoginPage("That token is not right."), "text/html; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);
        }).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static string LoginPage(string? error) => $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>ChatOpsBot · sign in</title>
        <style>
          body{font-family:system-ui,sans-serif;background:#1d1c1d;color:#fff;display:grid;place-items:center;height:100vh;margin:0}
          form{background:#fff;color:#1d1c1d;padding:2rem;border-radius:8px;width:20rem;box-shadow:0 8px 30px #0006}
          h1{font-size:1.2rem;margin:0 0 1rem} input{width:100%;padding:.6rem;margin:.4rem 0 1rem;box-sizing:border-box;border:1px solid #aaa;border-radius:4px}
          button{width:100%;padding:.6rem;background:#007a5a;color:#fff;border:0;border-radius:4px;font-weight:600;cursor:pointer}
          .error{color:#b00020;margin:0 0 1rem}
        </style></head>
        <body><form method="post" action="/login">
          <h1>🚨 ChatOpsBot</h1>
          {{(error is null ? "" : $"<p class=\"error\">{WebUtility.HtmlEncode(error)}</p>")}}
          <label for="token">Access token</label>
          <input id="token" name="token" type="password" autocomplete="current-password" autofocus required>
          <button type="submit">Sign in</button>
        </form></body></html>
        """;
}
