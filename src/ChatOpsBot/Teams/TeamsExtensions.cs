using ChatOpsBot.Core.Messages;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace ChatOpsBot.Teams;

public static class TeamsExtensions
{
    /// <summary>
    /// Registers Teams when Teams:AppId and Teams:AppPassword are set; otherwise the bot runs without it. Slack and
    /// Teams can both be on: each incident lives on the platform it was declared on.
    /// </summary>
    public static WebApplicationBuilder AddTeams(this WebApplicationBuilder builder)
    {
        if (!TeamsOptions.IsEnabled(builder.Configuration))
        {
            return builder;
        }

        var services = builder.Services;
        services.AddOptions<TeamsOptions>().BindConfiguration(TeamsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>();

        // Token requests carry the client secret: no request logging on that client.
        services.AddHttpClient(TeamsTokens.HttpClientName).RemoveAllLoggers();
        services.AddHttpClient(BotFrameworkKeys.HttpClientName);
        services.AddSingleton<TeamsTokens>();
        services.AddSingleton<BotFrameworkKeys>();
        services.AddSingleton<BotFrameworkAuth>();

        services.AddHttpClient(BotConnector.HttpClientName)
            .AddHttpMessageHandler(sp => new TeamsAuthHandler(sp.GetRequiredService<TeamsTokens>(), TeamsTokens.BotConnectorScope))
            .AddResilienceHandler("teams-bot-connector", Retry);
        services.AddRefitGeneratedClient<ITeamsGraphApi>(new RefitSettings(new SystemTextJsonContentSerializer(TeamsJson.Options)))
            .ConfigureHttpClient((sp, http) => http.BaseAddress = WithSlash(sp.GetRequiredService<IOptions<TeamsOptions>>().Value.GraphBaseUrl))
            .AddHttpMessageHandler(sp => new TeamsAuthHandler(sp.GetRequiredService<TeamsTokens>(), TeamsTokens.GraphScope))
            .AddResilienceHandler("teams-graph", Retry);

        services.AddSingleton<TeamsReferences>();
        services.AddSingleton<BotConnector>();
        services.AddSingleton<TeamsPeople>();
        services.AddSingleton<TeamsChatPlatform>();
        services.AddSingleton<IChatPlatform>(sp => sp.GetRequiredService<TeamsChatPlatform>());
        services.AddSingleton<TeamsReplies>();
        services.AddSingleton<TeamsTimelineCapture>();
        services.AddSingleton<TeamsActivityHandler>();
        return builder;
    }

    /// <summary>The Bot Framework messaging endpoint; every request is authenticated inside, before its body is read.</summary>
    public static WebApplication MapTeams(this WebApplication app)
    {
        if (!TeamsOptions.IsEnabled(app.Configuration))
        {
            return app;
        }

        app.MapPost("/api/messages", TeamsMessagesEndpoint.HandleAsync).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// 429 (the per-conversation limits), 412, 502 and 504 are retried with exponential back-off and jitter, waiting
    /// Retry-After when Teams sends one; also network errors. Other failures go back to the caller. A request that
    /// opens an incident room (<see cref="OpensARoom"/>) is retried here only when it was refused (429, 412): after a
    /// 502, a 504 or a network error the room may exist, and sending the create again would open a second thread or
    /// chat. That failure goes to the reconciler, whose next attempt looks the room up first (TeamsChannelLookup.cs).
    /// </summary>
    private static void Retry(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<TeamsOptions>>().Value;
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 4,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryDelay,
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                _ when OpensARoom(args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage()) =>
                    args.Outcome.Result?.StatusCode is System.Net.HttpStatusCode.TooManyRequests or System.Net.HttpStatusCode.PreconditionFailed,
                { Exception: HttpRequestException } => true,
                { Result.StatusCode: System.Net.HttpStatusCode.TooManyRequests or System.Net.HttpStatusCode.PreconditionFailed
                    or System.Net.HttpStatusCode.BadGateway or System.Net.HttpStatusCode.GatewayTimeout } => true,
                _ => false,
            }),
        });
    }

    /// <summary>
    /// A Bot Connector conversation create (a thread in a channel, a 1:1 chat) or a Graph chat or channel create. A 1:1
    /// create answers the same chat every time, but it is not told apart from a thread by its address.
    /// </summary>
    public static bool OpensARoom(HttpRequestMessage? request) =>
        request is { RequestUri.AbsolutePath: var path } && request.Method == HttpMethod.Post
        && (path.EndsWith("/v3/conversations", StringComparison.Ordinal) || path.EndsWith("/chats", StringComparison.Ordinal)
            || path.EndsWith("/channels", StringComparison.Ordinal));

    private static Uri WithSlash(Uri url) => url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}
