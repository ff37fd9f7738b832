using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Tests.Teams.Support;

/// <summary>
/// The real host with Teams configured against <see cref="FakeTeams"/> and a SQLite file store, plus helpers that
/// post activities the way the Bot Connector does: JSON with a Bearer token minted by <see cref="TeamsSigner"/>.
/// </summary>
public sealed class TeamsBot : IDisposable
{
    public static readonly (string Id, string Name, string Aad) Alice = ("29:1alice-AbC_dEf", "Alice Adams", "aad-0000-alice");
    public static readonly (string Id, string Name, string Aad) Bob = ("29:1bob-XyZ_123", "Bob Brown", "aad-0000-bob");
    public const string BotId = "28:" + TeamsSigner.AppId;

    private readonly string _directory = Directory.CreateTempSubdirectory("chatopsbot-teams-").FullName;
    private readonly bool _ownsTeams;
    private HttpClient? _http;
    private int _activityIds;

    /// <summary>
    /// With <paramref name="replicaOf"/>, a second replica: the same Microsoft fakes and signing keys as that bot (it
    /// keeps owning them); give both the same shared store in <paramref name="extra"/>.
    /// </summary>
    public TeamsBot(IReadOnlyDictionary<string, string?>? extra = null, TeamsBot? replicaOf = null)
    {
        _ownsTeams = replicaOf is null;
        Signer = replicaOf?.Signer ?? new TeamsSigner();
        Teams = replicaOf?.Teams ?? new FakeTeams(Signer);
        var settings = new Dictionary<string, string?>(BotFactory.Sqlite(Path.Combine(_directory, "chatopsbot.db")))
        {
            ["Teams:AppId"] = TeamsSigner.AppId,
            ["Teams:AppPassword"] = "test-client-secret-value",
            ["Teams:TenantId"] = FakeTeams.TenantId,
            ["Teams:TeamId"] = FakeTeams.TeamId,
            ["Teams:StakeholderChannelId"] = FakeTeams.Stakeholders,
            ["Teams:OpenIdMetadataUrl"] = Teams.Url + "/openid",
            ["Teams:TokenEndpoint"] = Teams.Url + "/token",
            ["Teams:GraphBaseUrl"] = Teams.Url + "/graph/v1.0/",
            ["Teams:ServiceUrl"] = Teams.ServiceUrl,
            ["Teams:RetryDelay"] = "00:00:00.050",
            ["Teams:KeyRefetchInterval"] = "00:00:00",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        Factory = new BotFactory(settings);
    }

    public TeamsSigner Signer { get; }

    public FakeTeams Teams { get; }

    public BotFactory Factory { get; }

    public HttpClient Http => _http ??= Factory.CreateClient();

    public IncidentService Incidents => Factory.Services.GetRequiredService<IncidentService>();

    /// <summary>A channel message mentioning the bot, as Teams sends it: HTML text with &lt;at&gt; tags and mention entities.</summary>
    public JsonObject ChannelMessage(string command, (string Id, string Name, string Aad)? from = null, string conversation = FakeTeams.OpsChannel,
        params (string Id, string Name)[] mentions)
    {
        var entities = new JsonArray(Mention(BotId, "ChatOpsBot"));
        var text = $"<p><at>ChatOpsBot</at> {command}</p>";
        foreach (var (id, name) in mentions)
        {
            entities.Add(Mention(id, name));
        }

        var activity = Activity("message", from, $"{conversation};messageid=17672255{Interlocked.Increment(ref _activityIds):D5}", "channel");
        activity["text"] = text;
        activity["textFormat"] = "xml";
        activity["entities"] = entities;
        return activity;
    }

    public JsonObject Invoke(string name, JsonNode value, (string Id, string Name, string Aad)? from = null, string conversation = FakeTeams.IncidentChannel)
    {
        var activity = Activity("invoke", from, $"{conversation};messageid=1767225600001", "channel");
        activity["name"] = name;
        activity["value"] = value;
        return activity;
    }

    public JsonObject Activity(string type, (string Id, string Name, string Aad)? from, string conversation, string conversationType)
    {
        var person = from ?? Alice;
        return new JsonObject
        {
            ["type"] = type,
            ["id"] = $"17672256{Interlocked.Increment(ref _activityIds):D5}",
            ["timestamp"] = "2026-01-01T00:00:00.000Z",
            ["serviceUrl"] = Teams.ServiceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = person.Id, ["name"] = person.Name, ["aadObjectId"] = person.Aad },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "ChatOpsBot" },
            ["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = conversationType, ["isGroup"] = conversationType != "personal", ["tenantId"] = FakeTeams.TenantId },
            ["channelData"] = new JsonObject
            {
                ["tenant"] = new JsonObject { ["id"] = FakeTeams.TenantId },
                ["team"] = new JsonObject { ["id"] = "19:team@thread.tacv2" },
                ["channel"] = new JsonObject { ["id"] = TeamsConversationBare(conversation) },
            },
        };
    }

    public static JsonObject Mention(string id, string name) => new()
    {
        ["type"] = "mention",
        ["text"] = $"<at>{name}</at>",
        ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = name },
    };

    public Task<HttpResponseMessage> PostAsync(JsonNode activity, string? token = null) =>
        PostRawAsync(activity.ToJsonString(), token ?? Signer.Token(Teams.ServiceUrl));

    public async Task<HttpResponseMessage> PostRawAsync(string body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>An Action.Execute press of a kick-off button, with the button's data and the form's inputs.</summary>
    public static JsonObject Execute(string verb, JsonObject data) =>
        new() { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data }, ["trigger"] = "manual" };

    public async Task<Incident> DeclareAndWaitAsync(string text = "incident declare sev2 Checkout failing", int number = 1)
    {
        var response = await PostAsync(ChannelMessage(text));
        response.EnsureSuccessStatusCode();
        return await Eventually.Get(() => Incidents.Reader.GetAsync(number, default),
            i => i.Exists && i.Chat.KickoffMessageId is not null && (i.IsPrivate || i.Chat.IsAnnounced), "the incident's channel steps");
    }

    public async Task<IReadOnlyList<IncidentEvent>> TimelineAsync(int number = 1) => await Incidents.Reader.ReadTimelineAsync(number, default);

    public static string CardText(JsonElement activity) => activity.GetRawText();

    private static string TeamsConversationBare(string id) => id.Split(";messageid=")[0];

    public void Dispose()
    {
        _http?.Dispose();
        Factory.Dispose();
        if (_ownsTeams)
        {
            Teams.Dispose();
            Signer.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
