using System.Text.Json;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ChatOpsBot.Tests.Teams.Support;

/// <summary>
/// WireMock.Net playing every Microsoft endpoint the bot talks to: the Bot Framework OpenID metadata and JWKS
/// (keys from <see cref="TeamsSigner"/>), the identity platform's token endpoint, the Bot Connector (under
/// /connector/, the serviceUrl) and Graph (under /graph/v1.0/). Every call is recorded.
/// </summary>
public sealed class FakeTeams : IDisposable
{
    public const string TeamId = "0b2c1d3e-aaaa-4bbb-8ccc-000000000001";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string IncidentChannel = "19:inc1channel@thread.tacv2";
    public const string GroupChat = "19:privatechat1@thread.v2";
    public const string Stakeholders = "19:stakeholders@thread.tacv2";
    public const string OpsChannel = "19:opschannel@thread.tacv2";
    public const string DirectChat = "a:1directchat";
    public const string IncidentsChannel = "19:incidents@thread.tacv2";
    public const string IncidentThread = IncidentsChannel + ";messageid=1767225600200";

    private readonly WireMockServer _server = WireMockServer.Start();
    private int _activityIds;

    public FakeTeams(TeamsSigner signer)
    {
        Signer = signer;
        _server.Given(Request.Create().WithPath("/openid").UsingGet()).RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
            .WithBody($$"""{"issuer":"https://api.botframework.com","authorization_endpoint":"https://invalid.botframework.com","jwks_uri":"{{Url}}/keys","id_token_signing_alg_values_supported":["RS256"],"token_endpoint_auth_methods_supported":["private_key_jwt"]}"""));
        PublishKeys(signer.Jwks());
        _server.Given(Request.Create().WithPath("/token").UsingPost()).RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
            .WithBody("""{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"fake-access-token"}"""));

        _server.Given(Request.Create().WithPath("/connector/v3/conversations").UsingPost()).AtPriority(100).RespondWith(Response.Create()
            .WithHeader("Content-Type", "application/json").WithBody($$"""{"id":"{{DirectChat}}","activityId":"1767225600100","serviceUrl":"{{ServiceUrl}}"}"""));
        // A new thread in a channel (thread mode) answers with the thread's conversation id.
        _server.Given(Request.Create().WithPath("/connector/v3/conversations").UsingPost().WithBody(new WireMock.Matchers.JsonPartialMatcher("""{"isGroup":true}""")))
            .AtPriority(50).RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"id":"{{IncidentThread}}","activityId":"1767225600200"}"""));
        _server.Given(Request.Create().WithPath("/connector/v3/conversations/*").UsingPost()).AtPriority(100).RespondWith(Response.Create()
            .WithHeader("Content-Type", "application/json").WithCallback(_ => new WireMock.ResponseMessage
            {
                StatusCode = 201,
                BodyData = new WireMock.Util.BodyData { BodyAsString = $"{{\"id\":\"17672256{Interlocked.Increment(ref _activityIds):D5}\"}}", DetectedBodyType = WireMock.Types.BodyType.String },
                Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
            }));
        _server.Given(Request.Create().WithPath("/connector/v3/conversations/*").UsingPut()).AtPriority(100).RespondWith(Response.Create()
            .WithHeader("Content-Type", "application/json").WithBody("""{"id":"updated"}"""));

        _server.Given(Request.Create().WithPath($"/graph/v1.0/teams/{TeamId}/channels").UsingPost()).AtPriority(100).RespondWith(Response.Create()
            .WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody($$"""{"id":"{{IncidentChannel}}","displayName":"inc-1-checkout-failing","membershipType":"standard"}"""));
        _server.Given(Request.Create().WithPath("/graph/v1.0/chats").UsingPost()).AtPriority(100).RespondWith(Response.Create()
            .WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody($$"""{"id":"{{GroupChat}}","chatType":"group"}"""));
        _server.Given(Request.Create().WithPath("/graph/v1.0/*")).AtPriority(1000).RespondWith(Response.Create().WithStatusCode(204));
    }

    public TeamsSigner Signer { get; }

    public string Url => _server.Urls[0];

    public string ServiceUrl => Url + "/connector/";

    public WireMockServer Server => _server;

    public void PublishKeys(string jwks) =>
        _server.Given(Request.Create().WithPath("/keys").UsingGet()).RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(jwks));

    /// <summary>Calls whose path (URL-decoded) starts with <paramref name="prefix"/>, oldest first, with parsed bodies.</summary>
    public IReadOnlyList<(string Method, string Path, JsonElement Body)> Calls(string prefix) =>
        [.. Entries(prefix).Select(e => (e.RequestMessage.Method, Uri.UnescapeDataString(e.RequestMessage.Path), Parse(e.RequestMessage.Body)))];

    public IReadOnlyList<ILogEntry> Entries(string prefix) =>
        [.. _server.LogEntries.Where(e => Uri.UnescapeDataString(e.RequestMessage.Path).StartsWith(prefix, StringComparison.Ordinal)).OrderBy(e => e.RequestMessage.DateTime)];

    /// <summary>Activities sent (POST) to one conversation, as the Bot Connector received them.</summary>
    public IReadOnlyList<JsonElement> SentTo(string conversationId) =>
        [.. Calls($"/connector/v3/conversations/{conversationId}/activities").Where(c => c.Method == "POST").Select(c => c.Body)];

    public IReadOnlyList<(string Path, JsonElement Body)> Updates() =>
        [.. Calls("/connector/v3/conversations/").Where(c => c.Method == "PUT").Select(c => (c.Path, c.Body))];

    public void Dispose() => _server.Stop();

    private static JsonElement Parse(string? body) =>
        string.IsNullOrEmpty(body) ? default : JsonDocument.Parse(body).RootElement.Clone();
}
