using System.Net.Http.Json;
using System.Text.Json;
using ChatOpsBot.Console;

namespace ChatOpsBot.Tests.Support;

/// <summary>Speaks the console API the way the web UI does.</summary>
public sealed class ConsoleApiClient(HttpClient http)
{
    public HttpClient Http => http;

    public Task<HttpResponseMessage> PostAsync(string user, string channel, string text) =>
        http.PostAsJsonAsync("/api/console/messages", new { user, channel, text });

    public async Task<PostMessageResponse> SayAsync(string user, string channel, string text)
    {
        using var response = await PostAsync(user, channel, text);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PostMessageResponse>())!;
    }

    public async Task<string> SayExpectingOneReplyAsync(string user, string channel, string text) =>
        Assert.Single((await SayAsync(user, channel, text)).Replies).Text;

    public async Task<JsonElement> IncidentAsync(int number) => await http.GetFromJsonAsync<JsonElement>($"/api/incidents/{number}");

    public async Task<List<JsonElement>> EventsAsync(int number) => (await http.GetFromJsonAsync<List<JsonElement>>($"/api/incidents/{number}/events"))!;

    public async Task<List<ChannelDto>> ChannelsAsync(string? user = null) =>
        (await http.GetFromJsonAsync<List<ChannelDto>>(user is null ? "/api/console/channels" : $"/api/console/channels?user={user}"))!;

    public async Task<List<MessageDto>> MessagesAsync(string channel, string? user = null) =>
        (await http.GetFromJsonAsync<List<MessageDto>>($"/api/console/channels/{channel}/messages{(user is null ? "" : $"?user={user}")}"))!;

    /// <summary>The raw JSON of a message list, to pin the wire shape rather than our own DTOs.</summary>
    public async Task<JsonElement> MessagesJsonAsync(string channel, string? user = null) =>
        await http.GetFromJsonAsync<JsonElement>($"/api/console/channels/{channel}/messages{(user is null ? "" : $"?user={user}")}");

    public static async Task<string> ErrorOfAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
}
