using System.Net;
using System.Text.Json.Nodes;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using Microsoft.Extensions.Options;
using Refit;

namespace ChatOpsBot.Teams;

/// <summary>
/// The reconciler's chat steps on Teams. The incident's room is a channel in the team (Graph) or, with
/// Teams:ChannelMode thread, a new thread in the incidents channel (Bot Connector); a private incident is a group
/// chat of its people (Graph) and is never announced. Messages go through the Bot Connector as Adaptive Cards.
/// Rate limits and outages left after the HTTP retries surface as <see cref="ChatUnavailableException"/>
/// (TeamsChatPlatform.Guarded.cs), other failures as Refit's ApiException.
/// </summary>
public sealed partial class TeamsChatPlatform(
    BotConnector connector,
    TeamsReferences references,
    ITeamsGraphApi graph,
    TeamsPeople people,
    IncidentReader incidents,
    IOptions<TeamsOptions> options,
    ILogger<TeamsChatPlatform> logger) : IChatPlatform
{
    public const string PlatformName = "teams";

    /// <summary>Teams channel names are at most 50 characters.</summary>
    public const int MaxChannelName = 50;

    private const int MaxNameAttempts = 20;

    public string Name => PlatformName;

    public static ConversationRef Conversation(string id, string? name = null) => new(PlatformName, id, name);

    public string StakeholderChannelFor(Severity severity) => options.Value.StakeholderChannelId ?? "";

    public IReadOnlyCollection<string> DefaultResponders => options.Value.DefaultResponders;

    /// <summary>Bots cannot pin in Teams; chats and threads have no description to carry a topic.</summary>
    public ChatCapabilities Capabilities =>
        ChatCapabilities.Threads | ChatCapabilities.ChannelCreation
        | (options.Value.ChannelMode == TeamsChannelMode.Channel ? ChatCapabilities.Topic : ChatCapabilities.None);

    public string CommandPrefix => "@ChatOpsBot incident";

    /// <summary>Teams users have Bot Framework ids like 29:1abc…; anyone else is shown by name and never added.</summary>
    public bool IsUser(string actorId) => IsUserId(actorId);

    public static bool IsUserId(string actorId) => actorId.StartsWith("29:", StringComparison.Ordinal);

    public Task PinAsync(ConversationRef channel, string messageId, CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<ConversationRef> OpenChannelAsync(int number, string title, bool isPrivate, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var name = ChannelNames.ForIncident(number, title);
        if (isPrivate)
        {
            return await OpenGroupChatAsync(number, name, cancellationToken);
        }

        if (o.ChannelMode == TeamsChannelMode.Thread)
        {
            var serviceUrl = await connector.ServiceUrlForAsync(o.IncidentsChannelId, cancellationToken);
            var thread = await connector.For(serviceUrl).CreateConversationAsync(new JsonObject
            {
                ["isGroup"] = true,
                ["channelData"] = new JsonObject
                {
                    ["channel"] = new JsonObject { ["id"] = o.IncidentsChannelId },
                    ["tenant"] = new JsonObject { ["id"] = o.TenantId },
                },
                ["activity"] = AdaptiveCards.Render(ThreadRoot(name))[0],
            }, cancellationToken);
            var id = thread.Id ?? TeamsConversation.Thread(o.IncidentsChannelId!, thread.ActivityId ?? "");
            await references.RememberConversationAsync(id, thread.ServiceUrl ?? serviceUrl.AbsoluteUri, o.TenantId, cancellationToken);
            return Conversation(id, name);
        }

        var baseName = name.Length <= MaxChannelName ? name : name[..MaxChannelName].TrimEnd('-');
        var privateChannel = o.ChannelMembershipType == TeamsChannelMembershipType.Private;
        // Graph creates a private channel with application permissions only when the request names its owner.
        var owners = privateChannel ? await AadIdsOfParticipantsAsync(number, cancellationToken) : [];
        for (var attempt = 1; ; attempt++)
        {
            var candidate = attempt == 1 ? baseName : Suffixed(baseName, attempt);
            try
            {
                var request = new JsonObject
                {
                    ["displayName"] = candidate,
                    ["description"] = $"Incident channel {candidate}, opened by ChatOpsBot",
                    ["membershipType"] = privateChannel ? "private" : "standard",
                };
                if (privateChannel)
                {
                    request["members"] = new JsonArray([.. owners.Take(1).Select(aad => (JsonNode)Member(aad))]);
                }

                var channel = await graph.CreateChannelAsync(o.TeamId!, request, cancellationToken);
                return Conversation(channel.Id ?? throw new InvalidOperationException("Graph created a channel without an id."), candidate);
            }
            catch (ApiException ex) when (IsNameTaken(ex) && attempt < MaxNameAttempts)
            {
                LogNameTaken(logger, candidate);
            }
        }
    }

    /// <summary>
    /// Standard channels are open to the whole team; a private channel (Teams:ChannelMembershipType private) and a
    /// private incident's group chat get their people added through Graph.
    /// </summary>
    private async Task AddMembersAsync(ConversationRef channel, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var privateChannel = o.ChannelMode == TeamsChannelMode.Channel && o.ChannelMembershipType == TeamsChannelMembershipType.Private
            && TeamsMentions.IsChannel(channel.Id) && !channel.Id.Contains(";messageid=", StringComparison.OrdinalIgnoreCase) && o.TeamId is not null;
        if (!IsGroupChat(channel.Id) && !privateChannel)
        {
            return;
        }

        foreach (var user in userIds)
        {
            if (await people.AadIdOfAsync(user, cancellationToken) is not { } aad)
            {
                LogUnknownPerson(logger, channel.Id);
                continue;
            }

            try
            {
                if (privateChannel)
                {
                    await graph.AddChannelMemberAsync(o.TeamId!, channel.Id, Member(aad, owner: false), cancellationToken);
                }
                else
                {
                    await graph.AddChatMemberAsync(channel.Id, Member(aad), cancellationToken);
                }
            }
            catch (ApiException ex) when (ex.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest)
            {
                LogInviteSkipped(logger, channel.Id, (int)ex.StatusCode);
            }
        }
    }

    /// <summary>A channel's description carries the status line; chats and threads have nothing like a topic to keep current.</summary>
    private async Task DescribeAsync(ConversationRef channel, string topic, CancellationToken cancellationToken)
    {
        if (options.Value.ChannelMode == TeamsChannelMode.Channel && !IsGroupChat(channel.Id) && options.Value.TeamId is { } team)
        {
            await graph.UpdateChannelAsync(team, channel.Id, new JsonObject { ["description"] = TeamsText.Cut(topic, 1024) }, cancellationToken);
        }
    }

    public Task SetPurposeAsync(ConversationRef channel, string purpose, CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<string> SendAsync(ConversationRef channel, ChatMessage message, CancellationToken cancellationToken)
    {
        var api = await connector.ForAsync(channel.Id, cancellationToken);
        string? first = null;
        foreach (var activity in AdaptiveCards.Render(message, channel))
        {
            var posted = await api.SendAsync(channel.Id, activity, cancellationToken);
            first ??= posted.Id;
        }

        return first ?? "";
    }

    /// <summary>Replaces a posted card (the live kick-off card) with <paramref name="message"/>'s first part.</summary>
    private async Task ReplaceAsync(ConversationRef channel, string messageId, ChatMessage message, CancellationToken cancellationToken)
    {
        var activity = AdaptiveCards.Render(message, channel)[0];
        activity["id"] = messageId;
        await (await connector.ForAsync(channel.Id, cancellationToken)).UpdateAsync(channel.Id, messageId, activity, cancellationToken);
    }

    /// <summary>
    /// A 1:1 chat with the person (created, or found again: Teams answers with the same id), then the message. The
    /// chat is made where the person was last heard from (their serviceUrl and tenant, as any replica stored them).
    /// </summary>
    private async Task<string> DirectAsync(string userId, ChatMessage message, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var person = await references.FindAsync(TeamsReferences.UserKey(userId), cancellationToken);
        var serviceUrl = person is not null ? new Uri(person.ServiceUrl) : await connector.ServiceUrlForAsync(null, cancellationToken);
        var tenant = person?.TenantId ?? o.TenantId;
        var chat = await connector.For(serviceUrl).CreateConversationAsync(new JsonObject
        {
            ["isGroup"] = false,
            ["bot"] = new JsonObject { ["id"] = $"28:{o.AppId}" },
            ["members"] = new JsonArray(new JsonObject { ["id"] = userId }),
            ["tenantId"] = tenant,
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenant } },
        }, cancellationToken);
        var id = chat.Id ?? throw new InvalidOperationException("The Bot Connector created a conversation without an id.");
        await references.RememberConversationAsync(id, chat.ServiceUrl ?? serviceUrl.AbsoluteUri, tenant, cancellationToken);
        return await SendAsync(Conversation(id), message, cancellationToken);
    }

    /// <summary>Bots cannot put files in a channel without SharePoint; the comment is posted, then the content as text.</summary>
    private async Task<string> ShareAsync(ConversationRef channel, ChatFile file, ChatMessage? comment, CancellationToken cancellationToken)
    {
        var id = await PostAsync(channel, comment ?? new ChatMessage($"📎 {file.Title} ({file.FileName})"), cancellationToken);
        await PostAsync(channel, new ChatMessage(file.Content) { Title = $"📎 {file.Title} ({file.FileName})" }, cancellationToken);
        return id;
    }

    /// <summary>The stakeholder channel is configured by id (19:…); it is taken as given.</summary>
    public Task<ConversationRef?> FindChannelAsync(string nameOrId, CancellationToken cancellationToken) =>
        Task.FromResult<ConversationRef?>(string.IsNullOrWhiteSpace(nameOrId) ? null : Conversation(nameOrId));

    public static bool IsGroupChat(string conversationId) => conversationId.EndsWith("@thread.v2", StringComparison.OrdinalIgnoreCase);

    private async Task<ConversationRef> OpenGroupChatAsync(int number, string name, CancellationToken cancellationToken)
    {
        var members = new JsonArray([.. (await AadIdsOfParticipantsAsync(number, cancellationToken)).Select(aad => (JsonNode)Member(aad))]);

        var chat = await graph.CreateChatAsync(new JsonObject
        {
            ["chatType"] = "group",
            ["topic"] = TeamsText.Cut(name, 250),
            ["members"] = members,
        }, cancellationToken);
        var id = chat.Id ?? throw new InvalidOperationException("Graph created a chat without an id.");
        if (options.Value.CatalogAppId is { Length: > 0 })
        {
            // The bot can post only where its app is installed.
            await InstallAppAsync(id, cancellationToken);
        }

        return Conversation(id, name);
    }

    private Task InstallAppAsync(string chatId, CancellationToken cancellationToken) =>
        graph.InstallAppInChatAsync(chatId, new JsonObject { ["teamsApp@odata.bind"] = $"{options.Value.GraphBaseUrl.ToString().TrimEnd('/')}/appCatalogs/teamsApps/{options.Value.CatalogAppId}" }, cancellationToken);

    /// <summary>The Entra ids of the incident's people the bot has heard from, the declarer first.</summary>
    private async Task<IReadOnlyList<string>> AadIdsOfParticipantsAsync(int number, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        if (await incidents.GetAsync(number, cancellationToken) is { Exists: true } incident)
        {
            foreach (var participant in incident.Participants)
            {
                if (await people.AadIdOfAsync(participant.Id, cancellationToken) is { } aad && !ids.Contains(aad, StringComparer.Ordinal))
                {
                    ids.Add(aad);
                }
            }
        }

        return ids;
    }

    private JsonObject Member(string aadId, bool owner = true) => new()
    {
        ["@odata.type"] = "#microsoft.graph.aadUserConversationMember",
        ["roles"] = owner ? new JsonArray("owner") : new JsonArray(),
        ["user@odata.bind"] = $"{options.Value.GraphBaseUrl.ToString().TrimEnd('/')}/users('{aadId}')",
    };

    private static string Suffixed(string name, int attempt)
    {
        var suffix = $"-{attempt}";
        return (name.Length + suffix.Length > MaxChannelName ? name[..(MaxChannelName - suffix.Length)].TrimEnd('-') : name) + suffix;
    }

    private static bool IsNameTaken(ApiException ex) =>
        ex.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest
        && ex.Content?.Contains("exist", StringComparison.OrdinalIgnoreCase) == true;

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams channel name {Name} is taken; trying the next suffix")]
    private static partial void LogNameTaken(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not adding a person to {ChatId}: the bot has not seen their Entra id yet")]
    private static partial void LogUnknownPerson(ILogger logger, string chatId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph refused adding a member to {ChatId} (HTTP {Status}); skipping them")]
    private static partial void LogInviteSkipped(ILogger logger, string chatId, int status);
}
