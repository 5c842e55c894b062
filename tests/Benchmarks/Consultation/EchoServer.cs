namespace Municipal.Benchmarks.Consultation;

/// <summary>
/// The chat and connection baseline: a bare WebSocket echo at /echo, measured in the same run as the hub. Its 4 KiB
/// receive buffer (parts of a larger frame are echoed as parts) is about what a server needs per idle connection.
/// </summary>
public static class EchoServer
{
    public static Task<LoopbackServer> StartAsync() => LoopbackServer.StartAsync(app =>
        LoopbackServer.MapWebSocket(app, "/echo", async (context, socket) =>
        {
            await foreach (var frame in LoopbackServer.ReceiveAllAsync(socket, context.RequestAborted, 4 * 1024))
                await socket.SendAsync(frame.Data, frame.Type, frame.EndOfMessage, context.RequestAborted);
        }));
}
