using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Encodings.Web;
using ChatOpsBot.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Tests.Reliability;

/// <summary>
/// Private incidents outside chat: a signed-in non-member gets the same 404 as for an incident that does not exist
/// on every read path; members and the service token see them. Sign-in here is a test authentication scheme standing
/// in for OpenID Connect (which yields the same claims: sub, preferred_username); the rules under test are ours.
/// </summary>
public sealed class PrivateIncidentVisibilityTests : IAsyncLifetime, IDisposable
{
    private const string ServiceToken = "service-token-0123456789abcdef";

    private readonly BotFactory _bot = new(new Dictionary<string, string?> { ["Api:AccessToken"] = ServiceToken });
    private WebApplicationFactory<Program>? _signedIn;

    public async Task InitializeAsync()
    {
        _signedIn = _bot.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddAuthentication(TestSignIn.Name).AddScheme<AuthenticationSchemeOptions, TestSignIn>(TestSignIn.Name, _ => { });
            services.AddSingleton<IStartupFilter, RemoteAddressFromHeader>();
        }));
        var console = new ConsoleApiClient(As("alice"));
        var declared = await console.SayExpectingOneReplyAsync("alice", "general", "/incident declare sev1 private Acquisition talks leaked");
        Assert.StartsWith("Declared INC-1", declared, StringComparison.Ordinal);
        await console.SayExpectingOneReplyAsync("alice", "general", "/incident INC-1 change https://git.example.com/deals/pull/7");
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _signedIn?.Dispose();
        _bot.Dispose();
    }

    public static TheoryData<string> ReadPaths => new()
    {
        "/api/incidents/{0}", "/api/incidents/{0}/events", "/api/incidents/{0}/timeline?format=json",
        "/api/incidents/{0}/timeline?format=csv", "/api/incidents/{0}/postmortem",
    };

    [Theory]
    [MemberData(nameof(ReadPaths))]
    public async Task ANonMemberGetsTheSame404AsForAnIncidentThatDoesNotExist(string path)
    {
        using var hidden = await As("mallory").GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, 1));
        using var missing = await As("mallory").GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, 2));

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal((await missing.Content.ReadAsStringAsync()).Replace("2", "1", StringComparison.Ordinal), await hidden.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(ReadPaths))]
    public async Task TheMemberAndTheServiceTokenSeeIt(string path)
    {
        var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, path, 1);
        using var member = await As("alice").GetAsync(url);
        using var service = await Service().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, member.StatusCode);
        Assert.Equal(HttpStatusCode.OK, service.StatusCode);
    }

    [Fact]
    public async Task ListsStatisticsAndTheStatusPageLeaveItOutForANonMember()
    {
        var list = await As("mallory").GetStringAsync("/api/incidents");
        var stats = await As("mallory").GetStringAsync("/api/stats");
        var status = await As("mallory").GetStringAsync("/status");

        Assert.Equal("[]", list);
        Assert.DoesNotContain("INC-1", stats, StringComparison.Ordinal);
        Assert.DoesNotContain("deals/pull/7", stats, StringComparison.Ordinal);
        Assert.DoesNotContain("Acquisition", status, StringComparison.Ordinal);
        Assert.Contains("Acquisition", await As("alice").GetStringAsync("/api/incidents"), StringComparison.Ordinal);
        Assert.Contains("\"incidents\":0,", stats, StringComparison.Ordinal);
        Assert.Contains("\"incidents\":1,", await As("alice").GetStringAsync("/api/stats"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignedInConsoleUserIsTheirIdentityNotTheNameTheyType()
    {
        using var response = await As("mallory").PostAsJsonAsync("/api/console/messages", new { user = "alice", channel = "general", text = "/incident INC-1 note I am alice" });

        var reply = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("replies")[0].GetProperty("text").GetString();
        Assert.Contains("There is no INC-1", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithNoAccessConfiguredOnlyThisMachineIsAnswered()
    {
        using var open = new BotFactory();
        using var remote = open.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, RemoteAddressFromHeader>()));
        var http = remote.CreateClient();

        using var local = await http.GetAsync("/api/incidents");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/incidents");
        request.Headers.Add(RemoteAddressFromHeader.Header, "203.0.113.9");
        using var stranger = await http.SendAsync(request);
        using var slack = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        slack.Headers.Add(RemoteAddressFromHeader.Header, "203.0.113.9");

        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
        var error = await ConsoleApiClient.ErrorOfAsync(stranger);
        Assert.Contains("Api:AccessToken", error, StringComparison.Ordinal);
        Assert.Contains("Auth:Oidc:Authority", error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(slack)).StatusCode);
    }

    private HttpClient As(string user)
    {
        var http = _signedIn!.CreateClient();
        http.DefaultRequestHeaders.Add(TestSignIn.Header, user);
        return http;
    }

    private HttpClient Service()
    {
        var http = _signedIn!.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServiceToken);
        return http;
    }

    /// <summary>Signs in whoever the header names, with the claims an OpenID Connect provider sends.</summary>
    private sealed class TestSignIn(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "Test";
        public const string Header = "X-Test-User";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (Request.Headers[Header].ToString() is not { Length: > 0 } user)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim("sub", $"oidc|{user}"), new Claim("preferred_username", user)], Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Name)));
        }
    }

    /// <summary>The in-memory test server has no remote address; this gives a request one, to play a client elsewhere.</summary>
    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public const string Header = "X-Test-Remote-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, nextMiddleware) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[Header].ToString(), out var address))
                {
                    http.Connection.RemoteIpAddress = address;
                }

                await nextMiddleware(http);
            });
            next(app);
        };
    }
}
