using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace ChatOpsBot.Slack.SocketMode;

/// <summary>
/// Keeps one Socket Mode connection open (https://api.slack.com/apis/socket-mode): apps.connections.open with the app-level token
/// gives a one-time wss:// URL; Slack's <c>disconnect</c> opens the next connection at once while the old one
/// serves until it closes; a dropped connection is reopened with exponential back-off. Several replicas may
/// each hold one: Slack gives an envelope to one socket, and a redelivered event is de-duplicated by the
/// events endpoint's claim as over HTTP.
/// </summary>
public sealed partial class SlackSocketModeClient(IHttpClientFactory httpClients, SlackEnvelopeDispatcher dispatcher,
    IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackSocketModeClient> logger) : BackgroundService
{
    public const string ConnectionsClient = "SlackSocketMode";

    // Slack sends refresh_requested some seconds before it closes the old socket; envelopes in flight finish on it.
    private static readonly TimeSpan RetireGrace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private SlackSocketConnection? _current;

    /// <summary>For /readyz: a socket that Slack said hello on and has not asked to replace.</summary>
    public bool IsConnected => _current?.IsServing == true;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            SlackSocketConnection connection;
            try
            {
                connection = await SlackSocketConnection.ConnectAsync(await OpenUrlAsync(stoppingToken), dispatcher, logger, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                failures++;
                LogConnectFailed(logger, failures, ex.Message);
                await DelayAsync(failures, stoppingToken);
                continue;
            }

            _current = connection;
            await Task.WhenAny(connection.Hello, connection.Closed);
            if (connection.Hello.IsCompletedSuccessfully)
            {
                failures = 0;
                LogConnected(logger);
            }

            await Task.WhenAny(connection.DisconnectRequested, connection.Closed, Task.Delay(Timeout.Infinite, stoppingToken));
            if (stoppingToken.IsCancellationRequested)
            {
                await connection.DisposeAsync();
                break;
            }

            if (connection.DisconnectRequested.IsCompleted)
            {
                _ = connection.RetireAsync(RetireGrace, clock);
                continue; // the next connection is opened while this one still serves
            }

            await connection.DisposeAsync();
            failures++;
            await DelayAsync(failures, stoppingToken);
        }
    }

    private async Task<Uri> OpenUrlAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "apps.connections.open");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.AppToken);
        using var response = await httpClients.CreateClient(ConnectionsClient).SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var opened = await response.Content.ReadFromJsonAsync<ConnectionsOpenResponse>(SlackJson.Options, cancellationToken);
        if (opened is not { Ok: true, Url: { } url } || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException($"apps.connections.open failed: {opened?.Error ?? "no url"}");
        }

        return uri;
    }

    private Task DelayAsync(int failures, CancellationToken cancellationToken)
    {
        var delay = options.Value.SocketReconnectDelay * Math.Pow(2, Math.Min(failures - 1, 10));
        return Task.Delay(delay < MaxBackoff ? delay : MaxBackoff, clock, cancellationToken)
            .ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private sealed record ConnectionsOpenResponse(
        [property: JsonPropertyName("ok")] bool Ok,
        [property: JsonPropertyName("url")] string? Url,
        [property: JsonPropertyName("error")] string? Error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode connected")]
    private static partial void LogConnected(ILogger logger);

    // The URL is a one-time credential: only the reason is logged.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Opening a Slack Socket Mode connection failed (attempt {Attempt}): {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, int attempt, string reason);
}
