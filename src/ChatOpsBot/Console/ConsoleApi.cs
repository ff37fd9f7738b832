using System.Text.RegularExpressions;
using ChatOpsBot.Auth;
using ChatOpsBot.Core.Commands;
using ChatOpsBot.Core.Incidents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ChatOpsBot.Console;

/// <summary>
/// The console's JSON API. Thin like every adapter: validate, then hand commands to <see cref="CommandHandler"/>
/// and plain chat to <see cref="IConsoleStore"/>. The console trusts the name a person picks (it is a demo and
/// test surface, not an identity provider); the shared access token is what keeps strangers out.
/// </summary>
public static partial class ConsoleApi
{
    public const int MaxTextLength = 4000;
    public const int DefaultMessageLimit = 100;
    public const int MaxMessageLimit = 1000;
    public const int MaxRequestIdLength = 100;

    private const string CommandPrefix = "/incident";

    public static RouteGroupBuilder MapConsoleApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/console").RequireAccessToken().WithTags("Console");
        api.MapPost("/messages", PostMessageAsync);
        api.MapGet("/channels", ListChannelsAsync);
        api.MapGet("/channels/{name}/messages", ListMessagesAsync);
        return api;
    }

    internal static async Task<Results<Ok<PostMessageResponse>, BadRequest<ConsoleError>, NotFound<ConsoleError>>> PostMessageAsync(
        PostMessageRequest request, [FromServices] IConsoleStore store, [FromServices] CommandHandler commands, [FromServices] TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        // Signed in, you are who the identity provider says, whatever name the request carries.
        request = request with { User = SignedInName(http) ?? request.User };
        if (ValidateUser(request.User, required: true) is { } userError)
        {
            return TypedResults.BadRequest(userError);
        }

        var text = request.Text?.Trim() ?? "";
        if (text.Length == 0)
        {
            return TypedResults.BadRequest(new ConsoleError("The message is empty; type some text."));
        }

        if (text.Length > MaxTextLength)
        {
            return TypedResults.BadRequest(new ConsoleError($"The message is {text.Length} characters long; the limit is {MaxTextLength}."));
        }

        if (request.RequestId is { } requestId && (requestId.Length is 0 or > MaxRequestIdLength || requestId.Any(char.IsControl)))
        {
            return TypedResults.BadRequest(new ConsoleError($"requestId must be 1 to {MaxRequestIdLength} printable characters."));
        }

        if (string.IsNullOrWhiteSpace(request.Channel))
        {
            return TypedResults.BadRequest(new ConsoleError("Name the channel to post in, e.g. \"general\"."));
        }

        var user = request.User!.ToLowerInvariant();
        var channel = await FindVisibleChannelAsync(store, ConsoleOptions.Normalize(request.Channel), user, cancellationToken);
        if (channel is null)
        {
            return TypedResults.NotFound(NoSuchChannel(request.Channel));
        }

        if (IsCommand(text, out var commandName))
        {
            if (commandName != CommandPrefix)
            {
                // Like Slack: an unknown slash command is answered privately, never posted for all to see.
                return TypedResults.Ok(new PostMessageResponse([new ReplyDto($"⚠️ `{commandName}` is not a command here. Try `/incident help`.", Private: true)]));
            }

            // Without an id of the client's, one of ours still lets the bot find out later what became of a command
            // whose append got no answer, and a retry typed again reuses it (Core/Commands/Handling/UnknownOutcomes.cs).
            var requestKey = $"console:{user}:{request.RequestId ?? Guid.NewGuid().ToString("N")}";
            var outcome = await commands.HandleAsync(text, new Actor(user), LocalChatPlatform.Conversation(channel.Name), requestKey, cancellationToken);
            ConsoleFollowUps.PostLater(store, clock, channel.Name, user, outcome);
            foreach (var reply in outcome.Replies.Where(r => !r.IsPrivate))
            {
                await store.PostMessageAsync(channel.Name, new ConsoleMessageDraft(LocalChatPlatform.BotUser, reply.Text, clock.GetUtcNow()), cancellationToken);
            }

            return TypedResults.Ok(new PostMessageResponse(outcome.Replies.Select(r => new ReplyDto(r.Text, r.IsPrivate)).ToList()));
        }

        if (!channel.Members.Contains(user))
        {
            // Talking in a public channel joins it, as in Slack.
            await store.AddMembersAsync(channel.Name, [user], cancellationToken);
        }

        await store.PostMessageAsync(channel.Name, new ConsoleMessageDraft(user, text, clock.GetUtcNow()), cancellationToken);
        return TypedResults.Ok(new PostMessageResponse([]));
    }

    internal static async Task<Results<Ok<List<ChannelDto>>, BadRequest<ConsoleError>>> ListChannelsAsync(
        string? user, [FromServices] IConsoleStore store, HttpContext http, CancellationToken cancellationToken)
    {
        user = SignedInName(http) ?? user;
        if (ValidateUser(user, required: false) is { } userError)
        {
            return TypedResults.BadRequest(userError);
        }

        var viewer = user?.ToLowerInvariant();
        var channels = await store.ListChannelsAsync(cancellationToken);
        return TypedResults.Ok(channels.Where(c => CanSee(c, viewer)).Select(ChannelDto.From).ToList());
    }

    internal static async Task<Results<Ok<List<MessageDto>>, BadRequest<ConsoleError>, NotFound<ConsoleError>>> ListMessagesAsync(
        string name, string? user, int? limit, [FromServices] IConsoleStore store, HttpContext http, CancellationToken cancellationToken)
    {
        user = SignedInName(http) ?? user;
        if (ValidateUser(user, required: false) is { } userError)
        {
            return TypedResults.BadRequest(userError);
        }

        var take = limit ?? DefaultMessageLimit;
        if (take is < 1 or > MaxMessageLimit)
        {
            return TypedResults.BadRequest(new ConsoleError($"limit must be between 1 and {MaxMessageLimit}."));
        }

        var channel = await FindVisibleChannelAsync(store, ConsoleOptions.Normalize(name), user?.ToLowerInvariant(), cancellationToken);
        if (channel is null)
        {
            return TypedResults.NotFound(NoSuchChannel(name));
        }

        var messages = await store.ListMessagesAsync(channel.Name, take, cancellationToken);
        return TypedResults.Ok(messages.Select(MessageDto.From).ToList());
    }

    /// <summary>
    /// A private channel the viewer is not in looks exactly like one that does not exist (404 either way),
    /// so the API never reveals that a private incident is going on.
    /// </summary>
    private static async Task<ConsoleChannel?> FindVisibleChannelAsync(IConsoleStore store, string name, string? viewer, CancellationToken cancellationToken)
    {
        var channel = await store.GetChannelAsync(name, cancellationToken);
        return channel is not null && CanSee(channel, viewer) ? channel : null;
    }

    private static bool CanSee(ConsoleChannel channel, string? viewer) =>
        !channel.IsPrivate || (viewer is not null && channel.Members.Contains(viewer, StringComparer.OrdinalIgnoreCase));

    private static ConsoleError NoSuchChannel(string name) =>
        new($"There is no channel #{ConsoleOptions.Normalize(name)} (or it is private and you are not a member).");

    private static string? SignedInName(HttpContext http) => Viewer.Of(http) is { IsService: false, ConsoleName: { } name } ? name : null;

    internal static bool IsUserName(string? user) => user is not null && UserName().IsMatch(user) && !IsBotName(user);

    private static ConsoleError? ValidateUser(string? user, bool required)
    {
        if (user is null && !required)
        {
            return null;
        }

        if (string.IsNullOrEmpty(user) || !UserName().IsMatch(user))
        {
            return new ConsoleError("Pick a user name of 1 to 32 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }

        return IsBotName(user) ? new ConsoleError($"\"{user}\" is the bot's name; pick another.") : null;
    }

    private static bool IsBotName(string user) =>
        user.Equals(LocalChatPlatform.BotUser, StringComparison.OrdinalIgnoreCase) || user.Equals(Actor.Bot.Id, StringComparison.OrdinalIgnoreCase);

    /// <summary>"/incident declare ..." is a command; so is any other "/word", which gets a polite refusal.</summary>
    private static bool IsCommand(string text, out string name)
    {
        var match = SlashCommand().Match(text);
        name = match.Success ? match.Groups["name"].Value.ToLowerInvariant() : "";
        return match.Success;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,31}$", RegexOptions.IgnoreCase)]
    private static partial Regex UserName();

    [GeneratedRegex(@"^(?<name>/[A-Za-z][A-Za-z0-9_-]*)(\s|$)")]
    private static partial Regex SlashCommand();
}
