using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsBot.Slack.SocketMode;

/// <summary>
/// One Socket Mode WebSocket: reads envelopes, hands each to the dispatcher without holding up the next, and
/// acknowledges it by envelope_id on this same socket (sends are serialised: a WebSocket allows one at a time).
/// A <c>disconnect</c> frame (refresh_requested, warning, link_disabled) completes <see cref="DisconnectRequested"/>
/// while the socket keeps serving, so the client can open the next one before this one closes.
/// </summary>
public sealed partial class SlackSocketConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly SlackEnvelopeDispatcher _dispatcher;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private int _disposed;
    private readonly TaskCompletionSource _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _disconnect = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SlackSocketConnection(ClientWebSocket socket, SlackEnvelopeDispatcher dispatcher, ILogger logger)
    {
        _socket = socket;
        _dispatcher = dispatcher;
        _logger = logger;
        Closed = Task.Run(ReceiveAsync);
    }

    /// <summary>Slack said hello: envelopes may now arrive on this socket.</summary>
    public Task Hello => _hello.Task;

    /// <summary>Completes with Slack's reason when it asked for a fresh connection.</summary>
    public Task<string> DisconnectRequested => _disconnect.Task;

    /// <summary>Completes when the socket stopped receiving, whether closed by either side or dropped.</summary>
    public Task Closed { get; }

    public bool IsServing => _hello.Task.IsCompletedSuccessfully && !_disconnect.Task.IsCompleted && !Closed.IsCompleted;

    public static async Task<SlackSocketConnection> ConnectAsync(Uri url, SlackEnvelopeDispatcher dispatcher, ILogger logger, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(url, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new SlackSocketConnection(socket, dispatcher, logger);
    }

    /// <summary>After a disconnect request: keep acknowledging until Slack closes the socket or the grace period ends.</summary>
    public async Task RetireAsync(TimeSpan grace, TimeProvider clock)
    {
        await Task.WhenAny(Closed, Task.Delay(grace, clock));
        await DisposeAsync();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                buffer.Clear();
                ValueWebSocketReceiveResult received;
                do
                {
                    received = await _socket.ReceiveAsync(buffer.GetMemory(16 * 1024), _stop.Token);
                    buffer.Advance(received.Count);
                }
                while (!received.EndOfMessage);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    LogClosedBySlack(_logger, _socket.CloseStatus?.ToString() ?? "none");
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    return;
                }

                OnFrame(buffer.WrittenMemory);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            if (!_stop.IsCancellationRequested)
            {
                LogDropped(_logger, ex.Message);
            }
        }
        finally
        {
            _hello.TrySetCanceled();
        }
    }

    private void OnFrame(ReadOnlyMemory<byte> frame)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(frame);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            LogMalformed(_logger);
            return;
        }

        var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
        switch (type)
        {
            case "hello":
                _hello.TrySetResult();
                return;
            case "disconnect":
                var reason = root.TryGetProperty("reason", out var r) ? r.GetString() ?? "unknown" : "unknown";
                LogDisconnectRequested(_logger, reason);
                _disconnect.TrySetResult(reason);
                return;
        }

        if (type is null || !root.TryGetProperty("envelope_id", out var id) || id.GetString() is not { Length: > 0 } envelopeId)
        {
            LogMalformed(_logger);
            return;
        }

        var acceptsPayload = root.TryGetProperty("accepts_response_payload", out var accepts) && accepts.ValueKind == JsonValueKind.True;
        var payload = root.TryGetProperty("payload", out var p) ? p : default;
        _ = Task.Run(() => HandleAsync(envelopeId, type, payload, acceptsPayload));
    }

    private async Task HandleAsync(string envelopeId, string type, JsonElement payload, bool acceptsPayload)
    {
        JsonNode? answer = null;
        try
        {
            answer = await _dispatcher.DispatchAsync(type, payload, _stop.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Still acknowledged: an envelope left unacknowledged is redelivered, and the failure would repeat.
            LogHandlerFailed(_logger, ex, type);
        }

        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        if (acceptsPayload && answer is not null)
        {
            ack["payload"] = answer;
        }

        await SendAsync(ack);
    }

    private async Task SendAsync(JsonObject message)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message);
        await _sending.WaitAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            LogAckFailed(_logger, ex.Message);
        }
        finally
        {
            _sending.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _sending.WaitAsync(timeout.Token);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Closing is best effort; the socket is aborted below either way.
            }
        }

        await _stop.CancelAsync();
        _socket.Abort();
        await Closed;
        _socket.Dispose();
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack asked for a new Socket Mode connection: {Reason}")]
    private static partial void LogDisconnectRequested(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack closed the Socket Mode connection ({Status})")]
    private static partial void LogClosedBySlack(ILogger logger, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode connection dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed Socket Mode frame ignored")]
    private static partial void LogMalformed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Socket Mode {Type} envelope failed in its handler")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Acknowledging a Socket Mode envelope failed: {Reason}")]
    private static partial void LogAckFailed(ILogger logger, string reason);
}
