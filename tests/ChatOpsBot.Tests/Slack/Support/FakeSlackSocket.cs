using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsBot.Tests.Slack.Support;

/// <summary>
/// Kestrel with WebSockets playing Slack's Socket Mode server: each connection the bot opens becomes a
/// <see cref="Session"/> the test drives (hello, envelopes, disconnect, a dropped connection) and reads acks from.
/// </summary>
public sealed class FakeSlackSocket : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<Session> _sessions = Channel.CreateUnbounded<Session>();

    private FakeSlackSocket(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>False to hold the hello back until the test sends it.</summary>
    public bool SayHello { get; set; } = true;

    public static async Task<FakeSlackSocket> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeSlackSocket(app);
        app.UseWebSockets();
        app.Map("/link", async (HttpContext http) =>
        {
            if (!http.WebSockets.IsWebSocketRequest)
            {
                return Results.BadRequest();
            }

            var session = new Session(await http.WebSockets.AcceptWebSocketAsync());
            if (fake.SayHello)
            {
                await session.HelloAsync();
            }

            fake._sessions.Writer.TryWrite(session);
            await session.Ended;
            return Results.Empty;
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        fake.Url = new Uri($"ws://{address.Authority}/link?ticket=one-time-secret");
        return fake;
    }

    /// <summary>The next connection the bot opens.</summary>
    public async Task<Session> NextSessionAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await _sessions.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public sealed class Session
    {
        private readonly WebSocket _socket;
        private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Session(WebSocket socket)
        {
            _socket = socket;
            _ = Task.Run(ReceiveAsync);
        }

        public Task Ended => _ended.Task;

        public bool IsOpen => !_ended.Task.IsCompleted;

        // Shape of Slack's hello frame: docs.slack.dev/apis/events-api/using-socket-mode ("hello" message).
        public Task HelloAsync() => SendAsync(new
        {
            type = "hello", num_connections = 1,
            debug_info = new { host = "applink-1", build_number = 10, approximate_connection_time = 18060 },
            connection_info = new { app_id = "A1" },
        });

        public async Task SendAsync(object frame)
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(frame)), WebSocketMessageType.Text, true, CancellationToken.None);
        }

        /// <summary>Sends an envelope and waits for the bot's acknowledgement of it. A retry is a new envelope with the same payload.</summary>
        public async Task<JsonElement> SendEnvelopeAsync(string type, object payload, bool acceptsResponsePayload, int retryAttempt = 0)
        {
            var envelopeId = Guid.NewGuid().ToString();
            await SendAsync(new
            {
                envelope_id = envelopeId, type, payload, accepts_response_payload = acceptsResponsePayload, retry_attempt = retryAttempt,
                retry_reason = retryAttempt == 0 ? "" : "timeout",
            });
            var ack = await ReceiveAsync(TimeSpan.FromSeconds(3)); // Slack's acknowledgement deadline
            Assert.Equal(envelopeId, ack.GetProperty("envelope_id").GetString());
            return ack;
        }

        public async Task<JsonElement> ReceiveAsync(TimeSpan within)
        {
            using var timeout = new CancellationTokenSource(within);
            return await _received.Reader.ReadAsync(timeout.Token);
        }

        /// <summary>Kills the TCP connection without a close handshake, as a network failure would.</summary>
        public void Drop()
        {
            _socket.Abort();
            _ended.TrySetResult();
        }

        private async Task ReceiveAsync()
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (_socket.State == WebSocketState.Open)
                {
                    using var message = new MemoryStream();
                    WebSocketReceiveResult result;
                    do
                    {
                        result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                        message.Write(buffer, 0, result.Count);
                    }
                    while (!result.EndOfMessage);

                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                        break;
                    }

                    _received.Writer.TryWrite(JsonDocument.Parse(message.ToArray()).RootElement.Clone());
                }
            }
            catch (WebSocketException)
            {
                // dropped
            }
            finally
            {
                _ended.TrySetResult();
            }
        }
    }
}
