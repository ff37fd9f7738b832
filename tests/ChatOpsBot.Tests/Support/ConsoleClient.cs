using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOpsBot.Tests.Support;

/// <summary>Talks to the console API the way the web console and scripts do.</summary>
public sealed class ConsoleClient(HttpClient http)
{
    public HttpClient Http => http;

    public async Task<IReadOnlyList<ReplyDto>> SayAsync(string user, string channel, string text)
    {
        var response = await http.PostAsJsonAsync("/api/console/messages", new { user, channel, text });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<RepliesDto>(Json);
        return body!.Replies;
    }

    public async Task<string> SayExpectingOneReplyAsync(string user, string channel, string text)
    {
        var replies = await SayAsync(user, channel, text);
        Assert.Single(replies);
        return replies[0].Text;
    }

    public async Task<IReadOnlyList<ChannelDto>> ChannelsAsync(string? user = null) =>
        (await http.GetFromJsonAsync<List<ChannelDto>>($"/api/console/channels{(user is null ? "" : $"?user={user}")}", Json))!;

    public async Task<IReadOnlyList<MessageDto>> MessagesAsync(string channel, string? user = null) =>
        (await http.GetFromJsonAsync<List<MessageDto>>($"/api/console/channels/{channel}/messages{(user is null ? "" : $"?user={user}")}", Json))!;

    public async Task<JsonElement> IncidentAsync(int number) => await http.GetFromJsonAsync<JsonElement>($"/api/incidents/{number}", Json);

    public async Task<IReadOnlyList<JsonElement>> EventsAsync(int number) =>
        (await http.GetFromJsonAsync<List<JsonElement>>($"/api/incidents/{number}/events", Json))!;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

public sealed record RepliesDto(List<ReplyDto> Replies);

public sealed record ReplyDto(string Text, [property: JsonPropertyName("private")] bool IsPrivate);

public sealed record ChannelDto(string Name, string Topic, List<string> Members, [property: JsonPropertyName("private")] bool IsPrivate);

public sealed record MessageDto(string Ts, string User, string Text);
