using ChatOpsBot.Console;

namespace ChatOpsBot.Tests.Console.Support;

/// <summary>
/// Stand-in until the SQLite and Redis console stores land from the storage work; delete it then.
/// Thread-safe with one lock: the API tests do not measure throughput.
/// </summary>
public sealed class InMemoryConsoleStore : IConsoleStore
{
    private readonly Lock _gate = new();
    private readonly List<ConsoleChannel> _channels = [];
    private readonly Dictionary<string, List<ConsoleMessage>> _messages = [];
    private long _lastTs;

    public Task<bool> TryCreateChannelAsync(ConsoleChannel channel, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_channels.Any(c => c.Name == channel.Name))
            {
                return Task.FromResult(false);
            }

            _channels.Add(channel);
            _messages[channel.Name] = [];
            return Task.FromResult(true);
        }
    }

    public Task<ConsoleChannel?> GetChannelAsync(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_channels.FirstOrDefault(c => c.Name == name));
        }
    }

    public Task<IReadOnlyList<ConsoleChannel>> ListChannelsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ConsoleChannel>>([.. _channels]);
        }
    }

    public Task AddMembersAsync(string channel, IReadOnlyCollection<string> members, CancellationToken cancellationToken)
    {
        Update(channel, c => c with { Members = [.. c.Members.Union(members)] });
        return Task.CompletedTask;
    }

    public Task SetTopicAsync(string channel, string topic, CancellationToken cancellationToken)
    {
        Update(channel, c => c with { Topic = topic });
        return Task.CompletedTask;
    }

    public Task<ConsoleMessage> PostMessageAsync(string channel, ConsoleMessageDraft draft, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var message = new ConsoleMessage((++_lastTs).ToString("D12"), channel, draft.User, draft.Text, draft.PostedAt, draft.Rich);
            _messages[channel].Add(message);
            return Task.FromResult(message);
        }
    }

    public Task<IReadOnlyList<ConsoleMessage>> ListMessagesAsync(string channel, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ConsoleMessage>>(_messages.TryGetValue(channel, out var list) ? [.. list.TakeLast(limit)] : []);
        }
    }

    private void Update(string name, Func<ConsoleChannel, ConsoleChannel> change)
    {
        lock (_gate)
        {
            var index = _channels.FindIndex(c => c.Name == name);
            if (index >= 0)
            {
                _channels[index] = change(_channels[index]);
            }
        }
    }
}
