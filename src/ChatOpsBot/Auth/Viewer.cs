using System.Security.Claims;
using ChatOpsBot.Core.Incidents;

namespace ChatOpsBot.Auth;

/// <summary>
/// Who is asking the console or the read API. A service (the access token, or a loopback client of a host with no
/// access configured: the operator on their own machine) sees everything; a signed-in person sees public incidents
/// and the private ones they are a member of.
/// </summary>
public sealed record Viewer(bool IsService, IReadOnlyCollection<string> Ids, string? ConsoleName)
{
    public const string Unconfigured =
        "This bot answers only clients on its own machine until access is configured: set Api:AccessToken (a service token for tools) " +
        "or Auth:Oidc:Authority, Auth:Oidc:ClientId and Auth:Oidc:ClientSecret (sign-in for people).";

    private static readonly string[] IdClaims =
        [ClaimTypes.NameIdentifier, "sub", "preferred_username", ClaimTypes.Email, "email", "https://slack.com/user_id", ClaimTypes.Name, "name"];

    public static readonly Viewer Service = new(true, [], null);

    public bool CanSee(Incident incident) => IsService || !incident.IsPrivate || incident.HasMember(Ids);

    /// <summary>
    /// The viewer of this request, as <see cref="AccessTokenAuthentication"/> authenticated it on an endpoint that
    /// requires it (<see cref="AccessToken.RequireAccessToken"/>); null when it may not see anything.
    /// </summary>
    public static Viewer? Of(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        if (AccessTokenAuthentication.IsService(http.User))
        {
            return Service;
        }

        var ids = IdClaims.Select(c => http.User.FindFirst(c)?.Value).OfType<string>().Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        // Console names are short and lower-case; an e-mail's local part is the usual person's handle.
        var name = http.User.FindFirst("preferred_username")?.Value ?? http.User.FindFirst(ClaimTypes.Email)?.Value ?? http.User.FindFirst("email")?.Value ?? ids.FirstOrDefault();
        var consoleName = name?.Split('@')[0].ToLowerInvariant();
        if (consoleName is not null)
        {
            ids.Add(consoleName);
        }

        return new Viewer(false, ids, consoleName);
    }

    public static bool IsSignInConfigured(HttpContext http) =>
        !string.IsNullOrEmpty(http.RequestServices.GetRequiredService<IConfiguration>()["Auth:Oidc:Authority"]);
}
