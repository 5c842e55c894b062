using System.Threading.Channels;

namespace Municipal.Form.Realtime;

/// <summary>Writes a draft's events to the response as server-sent events until the browser goes away.</summary>
internal static class DraftEventStream
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static async Task WriteAsync(HttpContext http, DraftEvents events, Guid draftId)
    {
        var ct = http.RequestAborted;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache, no-store";
        http.Response.Headers["X-Accel-Buffering"] = "no";

        var inbox = Channel.CreateBounded<string>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        var queue = await events.Subscriber.SubscribeAsync(events.Channel(draftId));
        queue.OnMessage(m => inbox.Writer.TryWrite(m.Message.ToString()));
        try
        {
            await http.Response.WriteAsync(": connected\n\n", ct);
            await http.Response.Body.FlushAsync(ct);
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(Heartbeat);
                try
                {
                    var message = await inbox.Reader.ReadAsync(wait.Token);
                    await http.Response.WriteAsync($"data: {message}\n\n", ct);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", ct);
                }
                await http.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The browser closed the stream.
        }
        finally
        {
            await queue.UnsubscribeAsync();
        }
    }
}
