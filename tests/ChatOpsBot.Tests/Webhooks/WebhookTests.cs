using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChatOpsBot.Tests.Support;
using ChatOpsBot.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static ChatOpsBot.Tests.Webhooks.WebhookSettings;

namespace ChatOpsBot.Tests.Webhooks;

/// <summary>The three alert endpoints through HTTP on the real host, with payloads as the senders post them.</summary>
public sealed class WebhookTests : IDisposable
{
    private readonly BotFactory _bot = new(All());
    private readonly ConsoleApiClient _console;
    private readonly HttpClient _http;

    public WebhookTests()
    {
        _http = _bot.CreateClient();
        _console = new ConsoleApiClient(_http);
    }

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task ACriticalAlertmanagerGroupDeclaresOneIncidentWithTheAlertOnItsKickoff()
    {
        using var response = await PostAlertmanagerAsync(CapturedPayloads.AlertmanagerFiring);
        using var repeat = await PostAlertmanagerAsync(CapturedPayloads.AlertmanagerFiring);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("declared", 1), await OutcomeAsync(response));
        Assert.Equal(("unchanged", 1), await OutcomeAsync(repeat));
        var incident = await _console.IncidentAsync(1);
        Assert.Equal("SEV1", incident.GetProperty("severity").GetString());
        Assert.Equal("Checkout p99 latency over 2s", incident.GetProperty("title").GetString());
        Assert.Single(await IncidentsAsync());

        var fired = (await _console.EventsAsync(1)).Single(e => Type(e) == "AlertFired");
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), fired.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.Equal("alert", fired.GetProperty("source").GetString());

        var kickoff = (await Eventually.Get(() => ChannelMessagesAsync("inc-1-checkout-p99-latency-over-2s"), m => m.Count > 0, "the kick-off"))[0];
        Assert.Contains(kickoff.Rich!.Fields, f => f.Label == "Alert" && f.Value == "Checkout p99 latency over 2s");
        Assert.Contains(kickoff.Rich.Fields, f => f.Label == "Labels" && f.Value.StartsWith("alertname=HighLatency · severity=critical · service=checkout", StringComparison.Ordinal));
        Assert.Equal(["Runbook", "Dashboard", "Source", "Incident page"], kickoff.Rich.Links.Select(l => l.Label));
        Assert.Equal("https://runbooks.example.com/checkout/latency", kickoff.Rich.Links[0].Url);
    }

    [Fact]
    public async Task ResolvingTheGroupRecordsAlertResolvedAndSuggestsResolvingInTheChannel()
    {
        (await PostAlertmanagerAsync(CapturedPayloads.AlertmanagerFiring)).Dispose();
        await Eventually.Get(() => ChannelMessagesAsync("inc-1-checkout-p99-latency-over-2s"), m => m.Count > 0, "the kick-off");

        using var resolved = await PostAlertmanagerAsync(CapturedPayloads.AlertmanagerResolved);

        Assert.Equal(("updated", 1), await OutcomeAsync(resolved));
        var events = await _console.EventsAsync(1);
        var alertResolved = events.Single(e => Type(e) == "AlertResolved");
        Assert.True(alertResolved.GetProperty("allResolved").GetBoolean());
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 20, 0, TimeSpan.Zero), alertResolved.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.DoesNotContain(events, e => Type(e) == "Resolved");
        var suggestion = await Eventually.Get(() => ChannelMessagesAsync("inc-1-checkout-p99-latency-over-2s"),
            m => m.Any(x => x.Text.Contains("Every alert of this incident has now resolved", StringComparison.Ordinal)), "the suggestion to resolve");
        Assert.Equal("/incident INC-1 resolve ", suggestion[^1].Rich!.Actions.Single().Command);
    }

    [Fact]
    public async Task AWarningIsOfferedInTheTriageChannelAndItsButtonDeclaresTheIncident()
    {
        using var response = await PostAlertmanagerAsync(CapturedPayloads.AlertmanagerWarning);

        Assert.Equal(("prompted", (int?)null), await OutcomeAsync(response));
        Assert.Empty(await IncidentsAsync());
        var prompt = Assert.Single(await _console.MessagesAsync("triage"));
        Assert.Contains("Disk on db-1 is 85% full", prompt.Text, StringComparison.Ordinal);
        var button = Assert.Single(prompt.Rich!.Actions);

        var reply = await _console.SayExpectingOneReplyAsync("alice", "triage", button.Command);

        Assert.Contains("Declared INC-1 (SEV3)", reply, StringComparison.Ordinal);
        var incident = await _console.IncidentAsync(1);
        Assert.Equal("alice", incident.GetProperty("roles").GetProperty("commander").GetProperty("id").GetString());
        Assert.Contains(await _console.EventsAsync(1), e => Type(e) == "AlertFired");
        using var again = await PostAlertmanagerAsync(CapturedPayloads.AlertmanagerWarning);
        Assert.Equal(("unchanged", 1), await OutcomeAsync(again));
    }

    [Fact]
    public async Task GrafanasPayloadDeclaresWithItsDashboardAndPanelLinks()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/grafana") { Content = Json(CapturedPayloads.GrafanaFiring) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{GrafanaUser}:{GrafanaPassword}")));

        using var response = await _http.SendAsync(request);

        Assert.Equal(("declared", 1), await OutcomeAsync(response));
        var fired = (await _console.EventsAsync(1)).Single(e => Type(e) == "AlertFired");
        Assert.Equal(["Dashboard", "Panel", "Source"], fired.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("label").GetString()));
        Assert.Equal("Checkout 5xx rate above 5%", (await _console.IncidentAsync(1)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task ASignedGenericAlertDeclaresAndAWrongSignatureIsRefused()
    {
        using var unsigned = await PostGenericAsync(CapturedPayloads.GenericFiring, "sha256=00");
        using var signed = await PostGenericAsync(CapturedPayloads.GenericFiring, WebhookAuth.Sign(Encoding.UTF8.GetBytes(CapturedPayloads.GenericFiring), GenericSecret));

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(("declared", 1), await OutcomeAsync(signed));
        Assert.Equal("Nightly backup failed", (await _console.IncidentAsync(1)).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token-0123456789")]
    [InlineData("Basic Z3JhZmFuYTpub3BlCg==")]
    public async Task AWrongOrMissingCredentialIsRefusedAndCreatesNothing(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/alertmanager") { Content = Json(CapturedPayloads.AlertmanagerFiring) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await IncidentsAsync());
    }

    [Theory]
    [InlineData("{not json", "not the expected JSON")]
    [InlineData("""{"version":"3","groupKey":"g","status":"firing","alerts":[{"status":"firing","labels":{}}]}""", "Unsupported payload version \"3\"")]
    [InlineData("""{"version":"4","groupKey":"g","status":"firing","alerts":[]}""", "\"alerts\" must hold between 1 and")]
    [InlineData("""{"version":"4","status":"firing","alerts":[{"status":"firing","labels":{}}]}""", "\"groupKey\" is required")]
    [InlineData("""{"version":"4","groupKey":"g","alerts":[{"status":"pending","labels":{}}]}""", "\"firing\" or \"resolved\"")]
    [InlineData("""{"version":"4","groupKey":"g","alerts":[{"status":"firing","labels":{"severity":7}}]}""", "not the expected JSON")]
    [InlineData("null", "JSON null")]
    public async Task BadInputIsA400WithAClearMessageAndCreatesNothing(string body, string message)
    {
        using var response = await PostAlertmanagerAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await IncidentsAsync());
    }

    [Fact]
    public async Task ABodyOverOneMebibyteIs413()
    {
        var huge = CapturedPayloads.AlertmanagerFiring.Replace("\"summary\":\"Checkout p99 latency over 2s\"}", $"\"summary\":\"{new string('x', 1024 * 1024)}\"}}", StringComparison.Ordinal);

        using var response = await PostAlertmanagerAsync(huge);
        using var chunked = await PostAlertmanagerAsync(new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Empty(await IncidentsAsync());
    }

    [Fact]
    public async Task MarkupInLabelsAndAnnotationsNeverReachesChatAsMarkup()
    {
        var body = CapturedPayloads.AlertmanagerFiring
            .Replace("\"summary\":\"Checkout p99 latency over 2s\"", "\"summary\":\"<!channel> <script>alert(1)</script> down\"", StringComparison.Ordinal)
            .Replace("https://runbooks.example.com/checkout/latency", "javascript:alert(1)", StringComparison.Ordinal);

        using var response = await PostAlertmanagerAsync(body);

        Assert.Equal(("declared", 1), await OutcomeAsync(response));
        var fired = (await _console.EventsAsync(1)).Single(e => Type(e) == "AlertFired");
        Assert.Equal("‹!channel> ‹script>alert(1)‹/script> down", fired.GetProperty("summary").GetString());
        Assert.DoesNotContain(fired.GetProperty("links").EnumerateArray(), l => l.GetProperty("url").GetString()!.StartsWith("javascript", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEndpointWithoutCredentialsIsOffNotOpen()
    {
        using var bot = new BotFactory();
        var http = bot.CreateClient();

        foreach (var path in new[] { "/webhooks/alertmanager", "/webhooks/grafana", "/webhooks/generic" })
        {
            using var response = await http.PostAsync(path, Json(CapturedPayloads.AlertmanagerFiring));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("Webhooks:Alertmanager:BearerToken", "short", "at least 16 characters")]
    [InlineData("Webhooks:Grafana:Username", "grafana", "go together")]
    [InlineData("Webhooks:Rules:0:Action", "page", "must be declare or prompt")]
    [InlineData("Webhooks:Rules:0:Severity", "sev9", "must be sev1, sev2, sev3 or sev4")]
    public async Task ABadSettingStopsTheHostNamingTheKey(string key, string value, string message)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.AddWebhooks();
        await using var app = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<WebhookOptions>>().Value);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains(key.Split(':')[1], error.Message, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> PostAlertmanagerAsync(string body) => PostAlertmanagerAsync(Json(body));

    private Task<HttpResponseMessage> PostAlertmanagerAsync(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/alertmanager") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return _http.SendAsync(request);
    }

    private Task<HttpResponseMessage> PostGenericAsync(string body, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/generic") { Content = Json(body) };
        request.Headers.Add(WebhookAuth.SignatureHeader, signature);
        return _http.SendAsync(request);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<(string Outcome, int? Incident)> OutcomeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var incident = body.TryGetProperty("incident", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : (int?)null;
        return (body.GetProperty("outcome").GetString()!, incident);
    }

    /// <summary>The channel's messages; none while the reconciler has not opened it yet.</summary>
    private async Task<List<ChatOpsBot.Console.MessageDto>> ChannelMessagesAsync(string channel) =>
        (await _console.ChannelsAsync()).Any(c => c.Name == channel) ? await _console.MessagesAsync(channel) : [];

    private async Task<List<JsonElement>> IncidentsAsync() => (await _http.GetFromJsonAsync<List<JsonElement>>("/api/incidents"))!;

    private static string Type(JsonElement e) => e.GetProperty("type").GetString()!;
}
