using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using ChatOpsBot.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Auth;

/// <summary>
/// The read API's and the console's authentication scheme. A person signed in through the host's default scheme
/// (OpenID Connect's cookie, <see cref="OidcSignIn"/>) is taken as they are; otherwise the service token
/// (Api:AccessToken, as a bearer header or the login cookie) makes the caller the service. With neither configured,
/// only a client on this machine is the service. Anyone else is challenged with a 401 that names the keys to set.
/// </summary>
public sealed class AccessTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<ApiOptions> api)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AccessToken";

    /// <summary>The authorization policy the protected endpoints require.</summary>
    public const string Policy = "AccessToken";

    /// <summary>Whether this principal is the service (the access token, or a loopback client with access unconfigured).</summary>
    public static bool IsService(ClaimsPrincipal user) => user.Identity is { IsAuthenticated: true, AuthenticationType: SchemeName };

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // UseAuthentication ran the default scheme (the sign-in cookie) before authorization asks this one.
        if (Context.User.Identity?.IsAuthenticated == true && !IsService(Context.User))
        {
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(Context.User, SchemeName)));
        }

        var expected = api.Value.AccessToken;
        var isService = string.IsNullOrEmpty(expected)
            ? !Viewer.IsSignInConfigured(Context) && IsLoopback(Context.Connection.RemoteIpAddress)
            : ConstantTime.Matches(PresentedToken(), expected);
        return Task.FromResult(isService
            ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(SchemeName)), SchemeName))
            : AuthenticateResult.NoResult());
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // A browser asking for a page is sent to sign in; API clients get the 401 that says what to send.
        if (OidcSignIn.SignInPageFor(Context) is { } signIn)
        {
            Response.Redirect(signIn);
            return Task.CompletedTask;
        }

        var reason = string.IsNullOrEmpty(api.Value.AccessToken) && !Viewer.IsSignInConfigured(Context)
            ? Viewer.Unconfigured
            : "Sign in at /login, or send the service token as \"Authorization: Bearer <Api:AccessToken>\".";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Response.WriteAsJsonAsync(new { error = reason }, Context.RequestAborted);
    }

    private string? PresentedToken()
    {
        var header = Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : Request.Cookies[AccessToken.CookieName];
    }

    // In-process test servers and Unix sockets have no remote address: that is this machine too.
    private static bool IsLoopback(IPAddress? address) => address is null || IPAddress.IsLoopback(address);
}
