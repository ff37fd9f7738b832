using System.Collections.Concurrent;
using ChatOpsBot.Core.Incidents;
using ChatOpsBot.Core.Messages;
using ChatOpsBot.Reconciling;
using ChatOpsBot.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOpsBot.Tests.Scheduling;

public sealed class ReconcilerTests : IDisposable
{
    private readonly string _directory;
    private readonly BotFactory _bot;

    public ReconcilerTests()
    {
        _directory = Directory.CreateTempSubdirectory("chatopsbot-").FullName;
        _bot = new BotFactory(BotFactory.Sqlite(Path.Combine(_directory, "chatopsbot.db")));
    }

    [Fact]
    public async Task AChatOutageDelaysTheChannelStepsButLosesNoneAndDoesNoneTwice()
    {
        var platform = new RecordingPlatform { FailuresLeft = 3 };
        using var bot = CreateBot(platform);
        var incidents = bot.Services.GetRequiredService<IncidentService>();

        var declared = await incidents.DeclareAsync(new DeclareRequest("Payments timing out", Severity.Sev2), new EventContext(new Actor("alice"), EventSource.Api), default);
        await incidents.ExecuteAsync(declared.Incident.Number, i => i.ChangeSeverity(Severity.Sev1), new EventContext(new Actor("alice"), EventSource.Api), default);

        var done = await Eventually.Get(() => incidents.Reader.GetAsync(1, default), i => i.Chat.IsAnnounced && i.Chat.Topic == "SEV1 · Investigating · IC: @alice", "every chat step after the outage");

        Assert.Equal(0, platform.FailuresLeft);
        Assert.Single(platform.Opened);
        Assert.Equal("inc-1-payments-timing-out", done.Channel!.Name);
        Assert.Single(platform.Posts, p => p.Text.StartsWith("INC-1 declared", StringComparison.Ordinal));
        Assert.Single(platform.Posts, p => p.Text.Contains("(SEV1) declared", StringComparison.Ordinal)); // announcement, after the change
    }

    [Fact]
    public async Task AStatusUpdatePostedBeforeTheChannelExistedStillReachesTheChannel()
    {
        var platform = new RecordingPlatform { FailuresLeft = 2 };
        using var bot = CreateBot(platform);
        var incidents = bot.Services.GetRequiredService<IncidentService>();
        var alice = new EventContext(new Actor("alice"), EventSource.Api);

        await incidents.DeclareAsync(new DeclareRequest("Login errors", Severity.Sev2), alice, default);
        await incidents.ExecuteAsync(1, i => i.PostStatusUpdate("We are looking into login errors"), alice, default);

        await Eventually.Get(() => Task.FromResult(platform.Posts.ToList()),
            p => p.Any(x => x.Channel == "inc-1-login-errors" && x.Text.Contains("We are looking into login errors", StringComparison.Ordinal)),
            "the early update in the incident channel");
        Assert.Single(platform.Posts, p => p.Text.StartsWith("INC-1 declared", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryChangeAfterTheKickoffGetsExactlyOneChannelMessage()
    {
        var platform = new RecordingPlatform();
        using var bot = CreateBot(platform);
        var incidents = bot.Services.GetRequiredService<IncidentService>();
        var alice = new EventContext(new Actor("alice"), EventSource.Api);
        await incidents.DeclareAsync(new DeclareRequest("DNS flapping"), alice, default);
        await Eventually.Get(() => incidents.Reader.GetAsync(1, default), i => i.Chat.KickoffMessageId is not null, "the kick-off");

        await incidents.ExecuteAsync(1, i => i.AssignRole("scribe", new Actor("bob"), incidents.Settings), alice, default);
        await incidents.ExecuteAsync(1, i => i.ChangeStatus(IncidentStatus.Monitoring), alice, default);
        await incidents.ExecuteAsync(1, i => i.AddNote("notes are not announced"), alice, default);
        await incidents.ExecuteAsync(1, i => i.Resolve("TTL fixed"), alice, default);

        await Eventually.Get(() => Task.FromResult(platform.Posts.ToList()), p => p.Any(x => x.Text.StartsWith("✅ Resolved", StringComparison.Ordinal)), "the resolve message");
        // Every pass the changes asked for (and every pass those asked for) has run: a duplicate would be posted by now.
        await Eventually.Get(() => Task.FromResult(bot.Services.GetRequiredService<Reconciler>().IsDrained), drained => drained, "the reconciler to drain");
        var channelPosts = platform.Posts.Where(p => p.Channel == "inc-1-dns-flapping").Select(p => p.Text).ToList();
        Assert.Equal(4, channelPosts.Count);
        Assert.Contains(channelPosts, t => t.Contains("@bob is now scribe", StringComparison.Ordinal));
        Assert.Contains(channelPosts, t => t.Contains("Investigating → Monitoring", StringComparison.Ordinal));
        Assert.DoesNotContain(channelPosts, t => t.Contains("notes are not announced", StringComparison.Ordinal));
        Assert.Contains("bob", platform.Invited);
        Assert.Contains("oncall-lead", platform.Invited);
    }

    private WebApplicationFactory<Program> CreateBot(RecordingPlatform platform) =>
        _bot.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.RemoveAll<IChatPlatform>();
            services.AddSingleton<IChatPlatform>(platform);
        }));

    public void Dispose()
    {
        _bot.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A chat platform that records what it was asked to do and can be down for a while.</summary>
    private sealed class RecordingPlatform : IChatPlatform
    {
        private readonly Lock _gate = new();
        private int _failuresLeft;

        public int FailuresLeft
        {
            get { lock (_gate) { return _failuresLeft; } }
            init => _failuresLeft = value;
        }

        public ConcurrentQueue<string> Opened { get; } = new();

        public ConcurrentQueue<(string Channel, string Text)> Posts { get; } = new();

        public ConcurrentBag<string> Invited { get; } = [];

        public string Name => "test";

        public ChatCapabilities Capabilities => ChatCapabilities.Topic | ChatCapabilities.Purpose | ChatCapabilities.Files | ChatCapabilities.ChannelCreation;

        public string CommandPrefix => "/incident";

        public bool IsUser(string actorId) => true;

        public ConcurrentQueue<(string MessageId, string Text)> Updates { get; } = new();

        public Task UpdateAsync(ConversationRef channel, string messageId, ChatMessage message, CancellationToken cancellationToken)
        {
            FailWhileDown();
            Updates.Enqueue((messageId, ChatText.Plain(message.Text)));
            return Task.CompletedTask;
        }

        public Task PinAsync(ConversationRef channel, string messageId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("This platform declares no pins; the reconciler must not pin.");

        public string StakeholderChannelFor(Severity severity) => "incidents";

        public IReadOnlyCollection<string> DefaultResponders => ["oncall-lead"];

        public Task<ConversationRef> OpenIncidentChannelAsync(int number, string title, bool isPrivate, CancellationToken cancellationToken)
        {
            var name = ChannelNames.ForIncident(number, title);
            FailWhileDown();
            Opened.Enqueue(name);
            return Task.FromResult(new ConversationRef(Name, name, name));
        }

        public Task InviteAsync(ConversationRef channel, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken)
        {
            FailWhileDown();
            foreach (var u in userIds)
            {
                Invited.Add(u);
            }

            return Task.CompletedTask;
        }

        public Task SetTopicAsync(ConversationRef channel, string topic, CancellationToken cancellationToken)
        {
            FailWhileDown();
            return Task.CompletedTask;
        }

        public Task SetPurposeAsync(ConversationRef channel, string purpose, CancellationToken cancellationToken)
        {
            FailWhileDown();
            return Task.CompletedTask;
        }

        public Task<string> PostAsync(ConversationRef channel, ChatMessage message, CancellationToken cancellationToken)
        {
            FailWhileDown();
            Posts.Enqueue((channel.Id, ChatText.Plain(message.Text)));
            return Task.FromResult(Guid.NewGuid().ToString("N"));
        }

        public ConcurrentQueue<(string Channel, string FileName)> Uploads { get; } = new();

        public Task<string> UploadFileAsync(ConversationRef channel, ChatFile file, ChatMessage? comment, CancellationToken cancellationToken)
        {
            FailWhileDown();
            Uploads.Enqueue((channel.Id, file.FileName));
            return Task.FromResult(Guid.NewGuid().ToString("N"));
        }

        public ConcurrentQueue<(string User, string Text)> DirectMessages { get; } = new();

        public Task<string> SendDirectMessageAsync(string userId, ChatMessage message, CancellationToken cancellationToken)
        {
            FailWhileDown();
            DirectMessages.Enqueue((userId, ChatText.Plain(message.Text)));
            return Task.FromResult(Guid.NewGuid().ToString("N"));
        }

        public Task<ConversationRef?> FindChannelAsync(string nameOrId, CancellationToken cancellationToken) =>
            Task.FromResult<ConversationRef?>(new ConversationRef(Name, nameOrId, nameOrId));

        private void FailWhileDown()
        {
            lock (_gate)
            {
                if (_failuresLeft > 0)
                {
                    _failuresLeft--;
                    throw new HttpRequestException("chat platform is down");
                }
            }
        }
    }
}
