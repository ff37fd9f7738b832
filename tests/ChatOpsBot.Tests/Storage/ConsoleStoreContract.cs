using ChatOpsBot.Console;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Tests.Support;

namespace ChatOpsBot.Tests.Storage;

/// <summary>What every <see cref="IConsoleStore"/> promises. One subclass per implementation runs it all.</summary>
public abstract class ConsoleStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2025, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private IConsoleStore? _store;

    protected IConsoleStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>A new store over the same data, as after a restart of the host.</summary>
    protected abstract IConsoleStore CreateStore();

    public Task InitializeAsync()
    {
        _store = CreateStore();
        return Task.CompletedTask;
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ACreatedChannelReadsBackWithEveryField()
    {
        var channel = new ConsoleChannel(Some.String("inc"), "SEV1 · Checkout failing", "Incident INC-1", IsPrivate: true, ["alice", "bob"], Noon);

        Assert.True(await Store.TryCreateChannelAsync(channel, CancellationToken.None));
        var read = await Store.GetChannelAsync(channel.Name, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(channel with { Members = [] }, read with { Members = [] });
        Assert.Equal(["alice", "bob"], read.Members);
    }

    [Fact]
    public async Task CreatingAChannelWhoseNameIsTakenFailsAndChangesNothing()
    {
        var name = Some.String("inc");
        await Store.TryCreateChannelAsync(new ConsoleChannel(name, "first", "", false, ["alice"], Noon), CancellationToken.None);

        var again = await Store.TryCreateChannelAsync(new ConsoleChannel(name, "second", "other", true, ["mallory"], Noon.AddHours(1)), CancellationToken.None);

        var read = await Store.GetChannelAsync(name, CancellationToken.None);
        Assert.False(again);
        Assert.Equal("first", read!.Topic);
        Assert.Equal(["alice"], read.Members);
        Assert.Single(await Store.ListChannelsAsync(CancellationToken.None), c => c.Name == name);
    }

    [Fact]
    public async Task ConcurrentCreatesOfOneNameHaveExactlyOneWinner()
    {
        var name = Some.String("inc");

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            Store.TryCreateChannelAsync(new ConsoleChannel(name, $"topic {i}", "", false, [], Noon), CancellationToken.None))));

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task AnUnknownChannelIsNull()
    {
        Assert.Null(await Store.GetChannelAsync(Some.String("nope"), CancellationToken.None));
    }

    [Fact]
    public async Task ChannelsAreListedInCreationOrder()
    {
        var names = new[] { Some.String("zeta"), Some.String("alpha"), Some.String("mid") };
        foreach (var name in names)
        {
            await Store.TryCreateChannelAsync(new ConsoleChannel(name, "", "", false, [], Noon), CancellationToken.None);
        }

        var listed = (await Store.ListChannelsAsync(CancellationToken.None)).Select(c => c.Name).Where(names.Contains);

        Assert.Equal(names, listed);
    }

    [Fact]
    public async Task AddingMembersIsIdempotentAndKeepsExistingMembersInJoinOrder()
    {
        var name = Some.String("inc");
        await Store.TryCreateChannelAsync(new ConsoleChannel(name, "", "", false, ["alice"], Noon), CancellationToken.None);

        await Store.AddMembersAsync(name, ["bob", "alice"], CancellationToken.None);
        await Store.AddMembersAsync(name, ["bob", "carol"], CancellationToken.None);

        Assert.Equal(["alice", "bob", "carol"], (await Store.GetChannelAsync(name, CancellationToken.None))!.Members);
    }

    [Fact]
    public async Task MembersAddedConcurrentlyAreAllKept()
    {
        var name = Some.String("inc");
        await Store.TryCreateChannelAsync(new ConsoleChannel(name, "", "", false, [], Noon), CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => Store.AddMembersAsync(name, [$"user{i}"], CancellationToken.None))));

        var members = (await Store.GetChannelAsync(name, CancellationToken.None))!.Members;
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"user{i}").Order(), members.Order());
    }

    [Fact]
    public async Task AddingMembersToAnUnknownChannelDoesNothing()
    {
        var name = Some.String("ghost");

        await Store.AddMembersAsync(name, ["alice"], CancellationToken.None);

        Assert.Null(await Store.GetChannelAsync(name, CancellationToken.None));
    }

    [Fact]
    public async Task SettingTheTopicChangesOnlyTheTopic()
    {
        var channel = new ConsoleChannel(Some.String("inc"), "old", "purpose", false, ["alice"], Noon);
        await Store.TryCreateChannelAsync(channel, CancellationToken.None);

        await Store.SetTopicAsync(channel.Name, "SEV2 · mitigated", CancellationToken.None);

        var read = await Store.GetChannelAsync(channel.Name, CancellationToken.None);
        Assert.Equal(channel with { Topic = "SEV2 · mitigated", Members = [] }, read! with { Members = [] });
    }

    [Fact]
    public async Task MessageTsIsIncreasingWithinAChannelEvenWhenPostedAtRepeatsOrGoesBack()
    {
        var channel = Some.String("inc");
        var postedAt = new[] { Noon, Noon, Noon.AddSeconds(-30), Noon.AddSeconds(2) };

        var posted = new List<ConsoleMessage>();
        foreach (var at in postedAt)
        {
            posted.Add(await Store.PostMessageAsync(channel, new ConsoleMessageDraft("alice", "hi", at), CancellationToken.None));
        }

        var ts = posted.Select(m => m.Ts).ToList();
        Assert.Equal(ts.Order(StringComparer.Ordinal), ts);
        Assert.Equal(ts.Count, ts.Distinct().Count());
        Assert.Matches(@"^\d{10}\.\d{6}$", ts[0]);
        Assert.StartsWith(Noon.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + ".", ts[0], StringComparison.Ordinal);
        Assert.StartsWith(Noon.AddSeconds(2).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + ".", ts[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessagesPostedConcurrentlyGetDistinctTsAndListInTsOrder()
    {
        var channel = Some.String("inc");

        var posted = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() =>
            Store.PostMessageAsync(channel, new ConsoleMessageDraft("alice", $"m{i}", Noon), CancellationToken.None))));

        var listed = await Store.ListMessagesAsync(channel, 100, CancellationToken.None);
        Assert.Equal(30, posted.Select(m => m.Ts).Distinct().Count());
        Assert.Equal(posted.Select(m => m.Ts).Order(StringComparer.Ordinal), listed.Select(m => m.Ts));
    }

    [Fact]
    public async Task ListingMessagesReturnsTheNewestLimitOldestFirst()
    {
        var channel = Some.String("inc");
        for (var i = 1; i <= 5; i++)
        {
            await Store.PostMessageAsync(channel, new ConsoleMessageDraft("alice", $"m{i}", Noon.AddSeconds(i)), CancellationToken.None);
        }

        var listed = await Store.ListMessagesAsync(channel, 3, CancellationToken.None);

        Assert.Equal(["m3", "m4", "m5"], listed.Select(m => m.Text));
        Assert.Empty(await Store.ListMessagesAsync(channel, 0, CancellationToken.None));
        Assert.Empty(await Store.ListMessagesAsync(Some.String("empty"), 10, CancellationToken.None));
    }

    [Fact]
    public async Task MessagesOfOneChannelStayInThatChannel()
    {
        var (one, two) = (Some.String("one"), Some.String("two"));
        await Store.PostMessageAsync(one, new ConsoleMessageDraft("alice", "for one", Noon), CancellationToken.None);
        await Store.PostMessageAsync(two, new ConsoleMessageDraft("bob", "for two", Noon), CancellationToken.None);

        Assert.Equal(["for one"], (await Store.ListMessagesAsync(one, 10, CancellationToken.None)).Select(m => m.Text));
    }

    [Fact]
    public async Task ARichMessageRoundTripsWithItsFieldsAndActions()
    {
        var channel = Some.String("inc");
        var rich = new ChatMessage("INC-4 declared: Checkout failing")
        {
            Title = "🚨 INC-4 · SEV1",
            Fields = [new MessageField("Commander", "@alice"), new MessageField("Status", "Investigating")],
            Actions = [new MessageAction("ack", "I'm on it", "/incident assign commander {me}", IsPrimary: true)],
            Context = "INC-4 · declared by @alice",
        };

        var posted = await Store.PostMessageAsync(channel, new ConsoleMessageDraft("chatopsbot", rich.Text, Noon, rich), CancellationToken.None);
        var read = Assert.Single(await Store.ListMessagesAsync(channel, 10, CancellationToken.None));

        Assert.Equal(posted with { Rich = null }, read with { Rich = null });
        Assert.Equal(new ConsoleMessage(posted.Ts, channel, "chatopsbot", rich.Text, Noon), read with { Rich = null });
        Assert.NotNull(read.Rich);
        Assert.Equal(rich.Title, read.Rich.Title);
        Assert.Equal(rich.Context, read.Rich.Context);
        Assert.Equal(rich.Fields, read.Rich.Fields);
        Assert.Equal(rich.Actions, read.Rich.Actions);
    }

    [Fact]
    public async Task ChannelsAndMessagesSurviveARestartOfTheStore()
    {
        var name = Some.String("inc");
        await Store.TryCreateChannelAsync(new ConsoleChannel(name, "topic", "", false, ["alice"], Noon), CancellationToken.None);
        var first = await Store.PostMessageAsync(name, new ConsoleMessageDraft("alice", "before", Noon), CancellationToken.None);

        var restarted = CreateStore();
        var second = await restarted.PostMessageAsync(name, new ConsoleMessageDraft("alice", "after", Noon), CancellationToken.None);

        Assert.Equal(["alice"], (await restarted.GetChannelAsync(name, CancellationToken.None))!.Members);
        Assert.Equal(["before", "after"], (await restarted.ListMessagesAsync(name, 10, CancellationToken.None)).Select(m => m.Text));
        Assert.True(string.CompareOrdinal(first.Ts, second.Ts) < 0);
    }

    [Fact]
    public async Task AnUpdatedMessageKeepsItsTsAuthorAndPlaceAndShowsTheNewContent()
    {
        var channel = Some.String("inc");
        await Store.TryCreateChannelAsync(new ConsoleChannel(channel, "", "", false, [], Noon), CancellationToken.None);
        var card = await Store.PostMessageAsync(channel, new ConsoleMessageDraft("ChatOpsBot", "INC-1 declared", Noon, new ChatMessage("INC-1 declared") { Title = "SEV2" }), CancellationToken.None);
        var after = await Store.PostMessageAsync(channel, new ConsoleMessageDraft("alice", "on it", Noon.AddSeconds(1)), CancellationToken.None);

        Assert.True(await Store.UpdateMessageAsync(channel, card.Ts, "INC-1 declared", new ChatMessage("INC-1 declared") { Title = "SEV1" }, CancellationToken.None));
        Assert.False(await Store.UpdateMessageAsync(channel, "9999999999.000001", "nothing", null, CancellationToken.None));

        var messages = await Store.ListMessagesAsync(channel, 10, CancellationToken.None);
        Assert.Equal([card.Ts, after.Ts], messages.Select(m => m.Ts));
        Assert.Equal("SEV1", messages[0].Rich!.Title);
        Assert.Equal(("ChatOpsBot", Noon), (messages[0].User, messages[0].PostedAt));
        Assert.Equal("on it", messages[1].Text);
    }
}
