using System.Text.Json;
using System.Threading.Channels;
using Municipal.Form.Drafts;

namespace Municipal.Form.Realtime;

/// <summary>
/// Writes a draft's events to the response as server-sent events until the browser goes away. Redis pub/sub delivers
/// at most once (a message published while a subscription is being renewed or a connection restored goes nowhere), so
/// the stream also says the draft's version: right after subscribing, and every few seconds instead of a bare
/// keep-alive. A page that knows less than that re-reads the draft (draft-sync.js), so a lost event delays a change by
/// one check at most.
/// </summary>
internal static class DraftEventStream
{
    private static readonly TimeSpan Check = TimeSpan.FromSeconds(5);

    public static async Task WriteAsync(HttpContext http, DraftEvents events, DraftStore store, Guid draftId)
    {
        var ct = http.RequestAborted;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache, no-store";
        http.Response.Headers["X-Accel-Buffering"] = "no";

        var inbox = Channel.CreateBounded<string>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        // Subscribed first, then the version read: a change stored after the read is announced on the subscription.
        var queue = await events.Subscriber.SubscribeAsync(events.Channel(draftId));
        queue.OnMessage(m => inbox.Writer.TryWrite(m.Message.ToString()));
        try
        {
            await WriteVersionAsync(http, store, draftId, ct);
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(Check);
                try
                {
                    var message = await inbox.Reader.ReadAsync(wait.Token);
                    await http.Response.WriteAsync($"data: {message}\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await WriteVersionAsync(http, store, draftId, ct);
                }
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

    private static async Task WriteVersionAsync(HttpContext http, DraftStore store, Guid draftId, CancellationToken ct)
    {
        var version = await store.VersionAsync(draftId, ct);
        await http.Response.WriteAsync($"data: {JsonSerializer.Serialize(new { type = "version", version }, JsonSerializerOptions.Web)}\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
    }
}
