using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;

namespace ChatOpsBot.Tests.Chat;

/// <summary>
/// What every <see cref="IChatPlatform"/> promises the reconciler, asserted on what the platform's side received.
/// One subclass per adapter (console, Slack through WireMock; Teams joins by subclassing this): it starts the
/// adapter against its fake, says what a mention of a user looks like there, and reads back what was shown.
/// </summary>
public abstract class ChatPlatformContract : IAsyncLifetime
{
    // Everything a person could type to ping, hide a link or inject markup, in the form the platform delivers it.
    protected const string Hostile = "<!channel> <!here> <!everyone> <!subteam^S1> <https://evil.example|status page> <b>bold</b> <script>x</script> *star* _under_ `tick` & done";

    private IChatPlatform? _platform;

    protected IChatPlatform Platform => _platform ?? throw new InvalidOperationException("The platform is created in InitializeAsync.");

    /// <summary>A user of this platform (<see cref="IChatPlatform.IsUser"/> is true for it), who can be invited and DMed.</summary>
    protected abstract Actor User { get; }

    /// <summary>How a mention of <see cref="User"/> is shown in a message's text on this platform.</summary>
    protected abstract string RenderedMentionOfUser { get; }

    /// <summary>
    /// True where a non-private incident room is open to everyone who could be invited (a Teams standard channel is
    /// visible to the whole team), so inviting adds nobody there; the platform's own tests cover private rooms.
    /// </summary>
    protected virtual bool OpenRoomsNeedNoInvites => false;

    /// <summary>Starts the adapter (and its fake) and returns it.</summary>
    protected abstract Task<IChatPlatform> StartAsync();

    /// <summary>What the platform shows for message <paramref name="messageId"/> in <paramref name="channel"/>, as it last received it.</summary>
    protected abstract Task<ShownMessage> ShownAsync(ConversationRef channel, string messageId);

    /// <summary>The members the platform was asked to add to <paramref name="channel"/>.</summary>
    protected abstract Task<IReadOnlyCollection<string>> MembersAsync(ConversationRef channel);

    /// <summary>The topic the platform was given for <paramref name="channel"/>.</summary>
    protected abstract Task<string?> TopicAsync(ConversationRef channel);

    /// <summary>Whether <paramref name="messageId"/> was pinned (only asked where the platform declares pins).</summary>
    protected abstract Task<bool> IsPinnedAsync(ConversationRef channel, string messageId);

    /// <summary>What <paramref name="user"/> received privately.</summary>
    protected abstract Task<IReadOnlyList<string>> DirectMessagesAsync(string user);

    /// <summary>Fails the test if <paramref name="shownText"/> could ping, hide a link or inject markup on this platform.</summary>
    protected abstract void AssertInert(string shownText);

    public async Task InitializeAsync() => _platform = await StartAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task OpeningAnIncidentChannelNamesItFromTheNumberAndTitleOnThisPlatform()
    {
        var channel = await Platform.OpenIncidentChannelAsync(41, "Checkout is failing", isPrivate: false, CancellationToken.None);

        Assert.Equal(Platform.Name, channel.Platform);
        Assert.Contains("41", channel.Name ?? channel.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvitedUsersBecomeMembersAndNameOnlyActorsAreNotUsers()
    {
        var channel = await Platform.OpenIncidentChannelAsync(42, "Invites", isPrivate: false, CancellationToken.None);

        Assert.True(Platform.IsUser(User.Id));
        Assert.False(Platform.IsUser("U0ALICE") && Platform.IsUser("alice"), "an id is a user on one platform, a name on the other");
        await Platform.InviteAsync(channel, [User.Id], CancellationToken.None);

        if (!OpenRoomsNeedNoInvites)
        {
            Assert.Contains(User.Id, await MembersAsync(channel));
        }
    }

    [Fact]
    public async Task TheTopicIsSetWhereThePlatformHasTopics()
    {
        if (!Platform.Capabilities.HasFlag(ChatCapabilities.Topic))
        {
            return; // the reconciler never asks; nothing to promise
        }

        var channel = await Platform.OpenIncidentChannelAsync(43, "Topic", isPrivate: false, CancellationToken.None);
        await Platform.SetTopicAsync(channel, "SEV1 · Investigating · IC: @alice", CancellationToken.None);

        Assert.Equal("SEV1 · Investigating · IC: @alice", await TopicAsync(channel));
    }

    [Fact]
    public async Task APostedMessageIsUpdatedInPlaceWithItsNewContentAndButtons()
    {
        var channel = await Platform.OpenIncidentChannelAsync(44, "Card", isPrivate: false, CancellationToken.None);
        var id = await Platform.PostAsync(channel, new ChatMessage("INC-44 declared: Card")
        {
            Title = "INC-44 · SEV2 · Card",
            Fields = [new("Status", "Investigating")],
            Actions = [new("resolve", "Resolve", "/incident INC-44 resolve ", IsPrimary: true)],
        }, CancellationToken.None);

        await Platform.UpdateAsync(channel, id, new ChatMessage("INC-44 declared: Card")
        {
            Title = "INC-44 · SEV2 · Card",
            Fields = [new("Status", "Resolved")],
            Actions = [new("reopen", "Reopen", "/incident INC-44 reopen", IsPrimary: true)],
        }, CancellationToken.None);

        var shown = await ShownAsync(channel, id);
        Assert.Contains("Resolved", shown.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Investigating", shown.Text, StringComparison.Ordinal);
        Assert.Equal(["reopen"], shown.ButtonIds);
    }

    [Fact]
    public async Task AMessageIsPinnedWhereThePlatformHasPins()
    {
        if (!Platform.Capabilities.HasFlag(ChatCapabilities.Pin))
        {
            return;
        }

        var channel = await Platform.OpenIncidentChannelAsync(45, "Pin", isPrivate: false, CancellationToken.None);
        var id = await Platform.PostAsync(channel, new ChatMessage("pin me"), CancellationToken.None);

        await Platform.PinAsync(channel, id, CancellationToken.None);

        Assert.True(await IsPinnedAsync(channel, id));
    }

    [Fact]
    public async Task ADirectMessageReachesOnlyItsUser()
    {
        await Platform.SendDirectMessageAsync(User.Id, new ChatMessage("📣 INC-46 · an update for you"), CancellationToken.None);

        Assert.Contains(await DirectMessagesAsync(User.Id), t => t.Contains("INC-46 · an update for you", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFileIsSharedAsAFileOrAsItsComment()
    {
        var channel = await Platform.OpenIncidentChannelAsync(47, "Files", isPrivate: false, CancellationToken.None);

        var id = await Platform.UploadFileAsync(channel, new ChatFile("inc-47.md", "Postmortem draft", "# Postmortem"),
            new ChatMessage("📝 The postmortem draft for INC-47 is ready"), CancellationToken.None);

        Assert.False(string.IsNullOrEmpty(id));
        if (!Platform.Capabilities.HasFlag(ChatCapabilities.Files))
        {
            Assert.Contains("postmortem draft for INC-47", (await ShownAsync(channel, id)).Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AMentionTokenRendersAsThisPlatformsMentionAndANameOnlyActorAsAName()
    {
        var channel = await Platform.OpenIncidentChannelAsync(48, "Mentions", isPrivate: false, CancellationToken.None);

        var id = await Platform.PostAsync(channel, new ChatMessage($"⏰ {ChatText.Mention(User)}, an update is due; from {ChatText.Mention(new Actor("alertmanager"))}"),
            CancellationToken.None);

        var shown = (await ShownAsync(channel, id)).Text;
        Assert.Contains($"⏰ {RenderedMentionOfUser}, an update is due", shown, StringComparison.Ordinal);
        Assert.Contains("from @alertmanager", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserTextIsShownInertInTextFieldsAndTitle()
    {
        var channel = await Platform.OpenIncidentChannelAsync(49, "Inert", isPrivate: false, CancellationToken.None);

        var id = await Platform.PostAsync(channel, new ChatMessage($"📣 Status update: {ChatText.Inert(Hostile)}")
        {
            Title = ChatText.Inert(Hostile),
            Fields = [new("Update", ChatText.Inert(Hostile))],
            Context = ChatText.Inert(Hostile),
        }, CancellationToken.None);

        var shown = await ShownAsync(channel, id);
        AssertInert(shown.Text);
        Assert.Contains("done", shown.Text, StringComparison.Ordinal); // shown, not dropped
    }

    [Fact]
    public async Task LinksAreShownWithTheirUrlsAndOnlyHttpOnes()
    {
        var channel = await Platform.OpenIncidentChannelAsync(51, "Links", isPrivate: false, CancellationToken.None);

        var id = await Platform.PostAsync(channel, new ChatMessage("🔔 Alert firing")
        {
            Links = [new("Runbook", "https://runbooks.example.com/checkout"), new("Evil", "javascript:alert(1)")],
        }, CancellationToken.None);

        var shown = await ShownAsync(channel, id);
        Assert.Contains("https://runbooks.example.com/checkout", shown.LinkUrls);
        Assert.DoesNotContain(shown.LinkUrls, u => u.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>A message as the platform received it: all its visible text in one string, its button ids, its link URLs.</summary>
public sealed record ShownMessage(string Text, IReadOnlyList<string> ButtonIds, IReadOnlyList<string> LinkUrls);
