namespace Municipal.Benchmarks.Consultation;

/// <summary>The chat baseline: a bare WebSocket echo at /echo, measured in the same run as the hub.</summary>
public static class EchoServer
{
    public static Task<LoopbackServer> StartAsync() => LoopbackServer.StartAsync(app =>
        LoopbackServer.MapWebSocket(app, "/echo", async (context, socket) =>
        {
            await foreach (var frame in LoopbackServer.ReceiveAllAsync(socket, context.RequestAborted))
                await socket.SendAsync(frame.Data, frame.Type, frame.EndOfMessage, context.RequestAborted);
        }));
}
