using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ChatOpsBot.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChatOpsBot.Tests.Reliability;

/// <summary>
/// OpenID Connect sign-in end to end over real HTTP: Kestrel hosts the bot, WireMock plays the provider (discovery
/// document, a JWKS with a key made here, a token endpoint answering an id_token signed with it), and the test is the
/// browser, following every redirect by hand. The signed-in identity is the console user, and it sees no private
/// incident it is not a member of.
/// </summary>
public sealed class OidcSignInTests : IDisposable
{
    private const string ClientId = "chatopsbot-console";
    private const string ServiceToken = "service-token-0123456789abcdef";

    private readonly WireMockServer _provider = WireMockServer.Start();
    private readonly RSA _signingKey = RSA.Create(2048);
    private readonly BotFactory _bot;

    public OidcSignInTests()
    {
        _provider.Given(Request.Create().WithPath("/.well-known/openid-configuration").UsingGet()).RespondWith(Json($$"""
            {"issuer":"{{Issuer}}","authorization_endpoint":"{{Issuer}}/authorize","token_endpoint":"{{Issuer}}/token",
             "jwks_uri":"{{Issuer}}/jwks","response_types_supported":["code"],"subject_types_supported":["public"],
             "id_token_signing_alg_values_supported":["RS256"],"code_challenge_methods_supported":["S256"]}
            """));
        var key = _signingKey.ExportParameters(includePrivateParameters: false);
        _provider.Given(Request.Create().WithPath("/jwks").UsingGet()).RespondWith(Json($$"""
            {"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"test-key","n":"{{Base64UrlEncoder.Encode(key.Modulus)}}","e":"{{Base64UrlEncoder.Encode(key.Exponent)}}"}]}
            """));
        _provider.Given(Request.Create().WithPath("/authorize").UsingGet()).RespondWith(Response.Create().WithBody("<html>the provider's sign-in page</html>"));
        _bot = new BotFactory(new Dictionary<string, string?>
        {
            ["Auth:Oidc:Authority"] = Issuer,
            ["Auth:Oidc:ClientId"] = ClientId,
            ["Auth:Oidc:ClientSecret"] = "client-secret-0123456789",
            ["Api:AccessToken"] = ServiceToken,
        }, kestrel: true);
        _bot.StartServer();
    }

    private string Issuer => _provider.Urls[0];

    [Fact]
    public async Task TheSignedInIdentityIsTheConsoleUserAndSeesNoPrivateIncidentItIsNotAMemberOf()
    {
        // Alice, through the service token a tool would use, declares a private incident; Carol is not in it.
        using var service = Browser(out _);
        service.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServiceToken);
        Assert.StartsWith("Declared INC-1", await new ConsoleApiClient(service).SayExpectingOneReplyAsync("alice", "general", "/incident declare sev1 private Payroll data exposed"), StringComparison.Ordinal);

        using var carol = Browser(out var cookies);
        // She opens the incident list; her browser is sent to sign in at the provider and comes back to the list.
        using var page = new HttpRequestMessage(HttpMethod.Get, "/incidents");
        page.Headers.Accept.ParseAdd("text/html");
        using var toLogin = await carol.SendAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        using (var callback = await CallbackAsync(carol, "oidc|carol", "carol@example.com", _signingKey, toLogin.Headers.Location!.OriginalString))
        {
            Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
            Assert.Equal("/incidents", callback.Headers.Location!.OriginalString);
        }

        Assert.Equal(HttpStatusCode.OK, (await carol.GetAsync("/incidents")).StatusCode);

        Assert.Contains(cookies.GetCookies(_bot.ServerAddress).Cast<Cookie>(), c => c.Name.StartsWith("chatopsbot_signin", StringComparison.Ordinal));
        // She types "alice", but the console user is who signed in.
        using var declared = await carol.PostAsJsonAsync("/api/console/messages", new { user = "alice", channel = "general", text = "/incident declare sev3 Search is slow", requestId = "r-1" });
        Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        Assert.Contains("Declared INC-2", await declared.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var events = await new ConsoleApiClient(carol).EventsAsync(2);
        var declaredBy = events.Single(e => e.GetProperty("type").GetString() == "Declared").GetProperty("actor");
        Assert.Equal("carol", declaredBy.GetProperty("id").GetString());

        using var hidden = await carol.GetAsync("/api/incidents/1");
        using var missing = await carol.GetAsync("/api/incidents/99");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await carol.GetAsync("/incidents/1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.GetAsync("/api/incidents/1")).StatusCode);
    }

    [Fact]
    public async Task WithoutSigningInTheReadApiAsksForSignInAndLoginGoesToTheProvider()
    {
        using var stranger = Browser(out _);

        using var incidents = await stranger.GetAsync("/api/incidents");
        using var login = await stranger.GetAsync("/login");

        Assert.Equal(HttpStatusCode.Unauthorized, incidents.StatusCode);
        Assert.Contains("/login", await ConsoleApiClient.ErrorOfAsync(incidents), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.StartsWith($"{Issuer}/authorize?", login.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterSignInTheBrowserGoesBackOnlyToAPageOfThisHost()
    {
        using var dave = Browser(out _);

        using var callback = await CallbackAsync(dave, "oidc|dave", "dave@example.com", _signingKey, "/login?returnUrl=https%3A%2F%2Fevil.example%2F");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/", callback.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AnIdTokenSignedByAnotherKeySignsNobodyIn()
    {
        using var mallory = Browser(out var cookies);
        using var forger = RSA.Create(2048);

        using var callback = await CallbackAsync(mallory, "oidc|mallory", "mallory@example.com", forger);

        Assert.Equal(HttpStatusCode.Unauthorized, callback.StatusCode);
        Assert.Contains("/login", await callback.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(cookies.GetCookies(_bot.ServerAddress).Cast<Cookie>(), c => c.Name.StartsWith("chatopsbot_signin", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, (await mallory.GetAsync("/api/incidents")).StatusCode);
    }

    public void Dispose()
    {
        _bot.Dispose();
        _provider.Stop();
        _signingKey.Dispose();
    }

    /// <summary>/login → the provider's authorize page → its form post back to /signin-oidc with a code; the callback's answer.</summary>
    private async Task<HttpResponseMessage> CallbackAsync(HttpClient browser, string subject, string email, RSA signedWith, string loginPath = "/login")
    {
        using var login = await browser.GetAsync(loginPath);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var authorize = login.Headers.Location!;
        Assert.StartsWith($"{Issuer}/authorize?", authorize.AbsoluteUri, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal(ClientId, query["client_id"].ToString());
        Assert.Equal("code", query["response_type"].ToString());
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        using (var page = await browser.GetAsync(authorize))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        // The person signs in at the provider; its token endpoint will answer this code with their id_token.
        var code = $"code-{Guid.NewGuid():N}";
        _provider.Given(Request.Create().WithPath("/token").UsingPost().WithBody(new WireMock.Matchers.WildcardMatcher($"*code={code}*")))
            .RespondWith(Json(JsonSerializer.Serialize(new
            {
                access_token = "provider-access-token",
                token_type = "Bearer",
                expires_in = 3600,
                id_token = IdToken(subject, email, query["nonce"].ToString(), signedWith),
            })));

        var redirectUri = new Uri(query["redirect_uri"].ToString());
        Assert.Equal(_bot.ServerAddress.Authority, redirectUri.Authority);
        return await browser.PostAsync(redirectUri.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = code,
            ["state"] = query["state"].ToString(),
        }));
    }

    private string IdToken(string subject, string email, string nonce, RSA signedWith)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["email"] = email, ["nonce"] = nonce },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signedWith) { KeyId = "test-key" }, SecurityAlgorithms.RsaSha256),
        });
    }

    private HttpClient Browser(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = _bot.ServerAddress };
    }

    private static IResponseBuilder Json(string body) => Response.Create().WithHeader("Content-Type", "application/json").WithBody(body);
}
