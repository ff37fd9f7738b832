namespace ChatOpsBot.Health;

/// <summary>
/// <c>ChatOpsBot --healthcheck http://127.0.0.1:8080/healthz</c>: the container's HEALTHCHECK. The runtime image
/// has no curl, and the bot's own binary is the smallest thing that can make the request.
/// </summary>
public static class HealthProbe
{
    public static bool IsRequested(string[] args) => args is ["--healthcheck", _];

    public static async Task<int> RunAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(new Uri(url));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            return 1;
        }
    }
}
