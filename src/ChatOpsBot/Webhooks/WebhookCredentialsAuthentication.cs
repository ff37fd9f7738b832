using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Webhooks;

/// <summary>Which credentials under "Webhooks" a scheme checks.</summary>
public sealed class WebhookCredentialsSchemeOptions : AuthenticationSchemeOptions
{
    public Func<WebhookOptions, WebhookCredentials> Credentials { get; set; } = _ => new WebhookCredentials();
}

/// <summary>
/// The alert senders that cannot sign their payloads (Alertmanager, Grafana) authenticate with what their HTTP
/// config can send: a bearer token, or basic auth. One scheme per sender, each with its own credentials
/// (<see cref="WebhookAuth"/> compares them). A sender whose credentials are not set is off, not open: its endpoint
/// answers 404 as if it did not exist; wrong or missing credentials get 401 with the schemes it takes.
/// </summary>
public sealed partial class WebhookCredentialsAuthentication(
    IOptionsMonitor<WebhookCredentialsSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<WebhookOptions> webhooks)
    : AuthenticationHandler<WebhookCredentialsSchemeOptions>(options, logger, encoder)
{
    public const string Alertmanager = "Webhooks:Alertmanager";
    public const string Grafana = "Webhooks:Grafana";

    private WebhookCredentials Credentials => Options.Credentials(webhooks.Value);

    /// <summary>Registers the schemes and, per sender, the policy its endpoint requires (named like the scheme).</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<WebhookCredentialsSchemeOptions, WebhookCredentialsAuthentication>(Alertmanager, o => o.Credentials = w => w.Alertmanager)
            .AddScheme<WebhookCredentialsSchemeOptions, WebhookCredentialsAuthentication>(Grafana, o => o.Credentials = w => w.Grafana);
        var policies = services.AddAuthorizationBuilder();
        foreach (var scheme in new[] { Alertmanager, Grafana })
        {
            policies.AddPolicy(scheme, p => p.AddAuthenticationSchemes(scheme).RequireAuthenticatedUser());
        }
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var credentials = Credentials;
        if (!credentials.IsConfigured)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(WebhookAuth.IsAuthorized(Request, credentials)
            ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(Scheme.Name)), Scheme.Name))
            : AuthenticateResult.Fail("Missing or wrong webhook credentials."));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!Credentials.IsConfigured)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        LogRefused(Logger, Scheme.Name["Webhooks:".Length..], Context.Connection.RemoteIpAddress?.ToString());
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer, Basic realm=\"chatopsbot\"";
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Sender} webhook refused: bad credentials from {RemoteIp}")]
    private static partial void LogRefused(ILogger logger, string sender, string? remoteIp);
}
