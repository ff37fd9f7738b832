using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Storage;
using ChatOpsBot.Tests.Slack.Support;
using ChatOpsBot.Webhooks;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Tests.Reliability;

/// <summary>
/// Whatever arrives, correctly signed, at a public endpoint gets a 4xx or a clear reply: never a 5xx, nothing on any
/// timeline, and the host stays healthy. The named cases are the ones that used to be 500s; the properties throw
/// generated garbage (malformed forms and JSON, deep nesting, huge strings, invalid UTF-8, control characters).
/// </summary>
public sealed class MalformedInputTests : IDisposable
{
    private const string WebhookSecret = "generic-webhook-secret-0123456789";
    private const string AlertmanagerToken = "alertmanager-token-0123456789";

    private readonly SlackBot _bot = new(new Dictionary<string, string?>
    {
        ["Webhooks:Generic:Secret"] = WebhookSecret,
        ["Webhooks:Alertmanager:BearerToken"] = AlertmanagerToken,
        ["Webhooks:Grafana:BearerToken"] = AlertmanagerToken,
    });

    [Fact]
    public async Task LoginWithAJsonBodyIsRefusedWithAReason()
    {
        using var response = await _bot.Http.PostAsync("/login", new StringContent("{\"token\":\"x\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("Send the token from this form", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginWithAMalformedMultipartBodyIsA400()
    {
        var content = new StringContent("--b\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\nabc", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");

        using var response = await _bot.Http.PostAsync("/login", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task LoginWithAFormValueOverFourMegabytesIsA400()
    {
        using var response = await _bot.Http.PostAsync("/login", new StringContent("token=" + new string('a', 4 * 1024 * 1024 + 1), Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("could not be read", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("99999999999999999999999999.000100")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("253402300800.000000")]
    public async Task AMessageShortcutWhoseTsOverflowsIsAnsweredNotCrashed(string ts)
    {
        await _bot.DeclareAndWaitAsync();

        using var response = await _bot.InteractAsync(new
        {
            type = "message_action", callback_id = "add_to_timeline", trigger_id = "t-overflow", user = new { id = "U0ALICE", name = "alice" },
            channel = new { id = FakeSlack.IncidentChannel }, message = new { type = "message", user = "U0BOB", ts, text = "look at this" },
            response_url = "https://hooks.invalid/never-called",
        });

        Assert.True((int)response.StatusCode < 500, $"HTTP {(int)response.StatusCode}");
        Assert.All(await _bot.TimelineAsync(), e => Assert.True(e.OccurredAt.Year >= 2000));
    }

    [Fact]
    public async Task GarbageFormsAtTheSlackEndpointsAreRefusedAndRecordNothing()
    {
        await CheckAsync(Generators.Garbage, async body =>
        {
            foreach (var path in new[] { "/slack/commands", "/slack/interactivity" })
            {
                await AssertNo5xxAsync(SlackSigned(path, body, "application/x-www-form-urlencoded"));
            }
        });
    }

    [Fact]
    public async Task GarbageInsideWellFormedSlackFormsIsRefusedAndRecordsNothing()
    {
        await CheckAsync(Generators.Garbage, async body =>
        {
            var text = Encoding.UTF8.GetString(body);
            await AssertNo5xxAsync(SlackSigner.SignedRequest("/slack/interactivity", SlackSigner.Form(("payload", text))));
            await AssertNo5xxAsync(SlackSigner.SignedRequest("/slack/commands", SlackSigner.Form(
                ("user_id", text), ("channel_id", text), ("text", "note " + text), ("trigger_id", text), ("response_url", text))));
        });
    }

    [Fact]
    public async Task GarbageJsonAtTheEventAndWebhookEndpointsIsRefusedAndRecordsNothing()
    {
        await CheckAsync(Generators.Garbage, async body =>
        {
            await AssertNo5xxAsync(SlackSigned("/slack/events", body, "application/json"));
            await AssertNo5xxAsync(Webhook("/webhooks/generic", body, signed: true));
            await AssertNo5xxAsync(Webhook("/webhooks/alertmanager", body, signed: false));
            await AssertNo5xxAsync(Webhook("/webhooks/grafana", body, signed: false));
        });
    }

    [Fact]
    public async Task GarbageAtTheConsoleAndTheLoginIsRefusedAndRecordsNothing()
    {
        await CheckAsync(Generators.Garbage, async body =>
        {
            var text = Encoding.UTF8.GetString(body);
            await AssertNo5xxAsync(new HttpRequestMessage(HttpMethod.Post, "/api/console/messages") { Content = Bytes(body, "application/json") });
            await AssertNo5xxAsync(new HttpRequestMessage(HttpMethod.Post, "/api/console/messages")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { user = text, channel = text, text, requestId = text }), Encoding.UTF8, "application/json"),
            });
            await AssertNo5xxAsync(new HttpRequestMessage(HttpMethod.Post, "/login") { Content = Bytes(body, "application/x-www-form-urlencoded") });
            // In-memory TestServer refuses a NUL in a path before the host sees it (Kestrel answers 400 itself).
            var segment = Uri.EscapeDataString(text.Replace("\0", "", StringComparison.Ordinal));
            await AssertNo5xxAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/incidents/{segment}/events"));
            await AssertNo5xxAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/console/channels/{segment}/messages?user={Uri.EscapeDataString(text)}"));
        });
    }

    /// <summary>Runs the property, then checks that nothing reached any timeline and the host still answers.</summary>
    private async Task CheckAsync(Arbitrary<byte[]> bodies, Func<byte[], Task> property)
    {
        // Properties are synchronous in FsCheck; each case runs the async checks to completion on the pool.
        Prop.ForAll(bodies, body => Task.Run(() => property(body)).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(40).WithQuietOnSuccess(true));

        var store = _bot.Factory.Services.GetRequiredService<IIncidentStore>();
        Assert.Empty(await store.ListIncidentNumbersAsync(CancellationToken.None));
        using var health = await _bot.Http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private async Task AssertNo5xxAsync(HttpRequestMessage request)
    {
        using (request)
        using (var response = await _bot.Http.SendAsync(request))
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.Unauthorized, $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {body}");
            if ((int)response.StatusCode >= 400)
            {
                Assert.False(string.IsNullOrWhiteSpace(body), $"{request.RequestUri} answered {(int)response.StatusCode} with no reason");
            }
        }
    }

    /// <summary>Signed over the raw bytes (SlackSigner signs text, which would replace invalid UTF-8 and break the signature).</summary>
    private static HttpRequestMessage SlackSigned(string path, byte[] body, string contentType)
    {
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        byte[] signed = [.. Encoding.UTF8.GetBytes($"v0:{timestamp}:"), .. body];
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(SlackSigner.Secret), signed);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Bytes(body, contentType) };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", "v0=" + Convert.ToHexStringLower(mac));
        return request;
    }

    private static HttpRequestMessage Webhook(string path, byte[] body, bool signed)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Bytes(body, "application/json") };
        if (signed)
        {
            request.Headers.Add(WebhookAuth.SignatureHeader, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), body)));
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AlertmanagerToken);
        }

        return request;
    }

    private static ByteArrayContent Bytes(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public void Dispose() => _bot.Dispose();

    /// <summary>Bodies an attacker or a broken proxy might send.</summary>
    private static class Generators
    {
        public static Arbitrary<byte[]> Garbage => Gen.OneOf(
            ArbMap.Default.GeneratorFor<byte[]>(),                                             // arbitrary bytes, mostly invalid UTF-8
            ArbMap.Default.GeneratorFor<string>().Select(s => Encoding.UTF8.GetBytes(s ?? "")), // control characters, surrogates
            Gen.Choose(1, 5000).Select(depth => Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth))),
            Gen.Choose(1, 5000).Select(depth => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth))),
            Gen.Choose(0, 3).Select(k => Encoding.UTF8.GetBytes("payload=" + new string('x', 1_000_000 * k) + "&text=%FF%FE%00")),
            Gen.Elements(Fragments).Select(Encoding.UTF8.GetBytes),
            Gen.Elements(Fragments).Select(f => Encoding.UTF8.GetBytes(f).Concat(new byte[] { 0xC3, 0x28, 0xF0, 0x28, 0x8C, 0x00 }).ToArray()))
            .ToArbitrary();

        private static readonly string[] Fragments =
        [
            "", "{", "}", "[]", "null", "\"\"", "{\"type\":null}", "{\"type\":\"event_callback\",\"event\":[]}",
            "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"message\",\"ts\":\"1e400\",\"channel\":\"C0INC1\"}}",
            "{\"type\":\"url_verification\"}", "{\"alerts\":[{\"startsAt\":\"0002-01-01T00:00:00Z\"}]}", "{\"alerts\":null,\"version\":\"4\"}",
            "{\"status\":\"firing\",\"alerts\":[{\"labels\":{\"alertname\":\"\\u0000\"},\"startsAt\":\"not a time\"}]}",
            "payload=%7B%22type%22%3A%22block_actions%22%7D", "payload=%7B%22type%22%3A%22block_actions%22%2C%22user%22%3A%7B%22id%22%3A%22U1%22%7D%2C%22actions%22%3A%5B%7B%7D%5D%7D",
            "user_id=U1&channel_id=C1&text=declare", "user_id=U1&channel_id=C1&text=%00%01%02", "a=%ZZ&b==&&=",
            "{\"user\":\"alice\",\"channel\":\"general\",\"text\":\"/incident\",\"requestId\":\"\"}",
            "{\"user\":\"alice\",\"channel\":\"general\",\"text\":\"/incident INC-99999999999 note x\"}",
            "{\"user\":1,\"channel\":[],\"text\":{}}", "\uFEFF{}", "{\"a\":1e999999}",
        ];
    }
}
