using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Municipal.Benchmarks.Consultation;

/// <summary>
/// The call set-up baseline: one static page and a trivial WebSocket relay on loopback — two browsers exchange
/// offer, answer and ICE candidates through it and nothing else (no sign-in, tokens, rooms or TURN). With
/// <c>consent=1</c> the page asks as the system's does: the caller's #start button shows once the callee is there, a
/// press asks the callee, whose #accept button opens its camera and answers; only then does the caller open its own
/// and offer. Without it both open their cameras at once and the caller offers as soon as the callee is there.
/// </summary>
public static class BareCallServer
{
    private const string Page = """
        <!doctype html><meta charset="utf-8"><title>bare call</title><video id="v" autoplay playsinline muted></video>
        <script>
        const params = new URLSearchParams(location.search);
        const caller = params.get('role') === 'caller';
        const consent = params.get('consent') === '1';
        window.state = 'new';
        const button = (id, onClick) => {
          const b = Object.assign(document.createElement('button'), { id, textContent: id });
          b.addEventListener('click', () => { b.remove(); onClick(); }, { once: true });
          document.body.append(b);
        };
        (async () => {
          const pc = new RTCPeerConnection();
          pc.onconnectionstatechange = () => { window.state = pc.connectionState; };
          pc.ontrack = e => { document.getElementById('v').srcObject = e.streams[0]; };
          const media = async () => {
            const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
            for (const track of stream.getTracks()) pc.addTrack(track, stream);
          };
          if (!consent) await media();
          const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/relay?room=${params.get('room')}`);
          const send = m => ws.send(JSON.stringify(m));
          pc.onicecandidate = e => { if (e.candidate) send({ ice: e.candidate }); };
          const offer = async () => { await pc.setLocalDescription(await pc.createOffer()); send({ sdp: pc.localDescription }); };
          ws.onmessage = async e => {
            const m = JSON.parse(e.data);
            if (m.peer && caller) {
              if (consent) button('start', () => send({ ask: true }));
              else await offer();
            }
            if (m.ask) button('accept', async () => { await media(); send({ accepted: true }); });
            if (m.accepted) { await media(); await offer(); }
            if (m.sdp) {
              await pc.setRemoteDescription(m.sdp);
              if (m.sdp.type === 'offer') { await pc.setLocalDescription(await pc.createAnswer()); send({ sdp: pc.localDescription }); }
            }
            if (m.ice) await pc.addIceCandidate(m.ice);
          };
        })();
        </script>
        """;

    /// <summary>Serves /call.html and the relay at /relay?room=…; the second peer in a room makes the caller offer.</summary>
    /// <param name="certificate">Over HTTPS (HTTP/2) with it, as the system is measured when it is.</param>
    public static Task<LoopbackServer> StartAsync(X509Certificate2? certificate = null)
    {
        var rooms = new ConcurrentDictionary<string, List<Peer>>();
        return LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/call.html", () => Results.Content(Page, "text/html"));
            LoopbackServer.MapWebSocket(app, "/relay", async (context, socket) =>
            {
                var me = new Peer(socket);
                var peers = rooms.GetOrAdd(context.Request.Query["room"].ToString(), _ => []);
                List<Peer> everyone;
                lock (peers)
                {
                    peers.Add(me);
                    everyone = [.. peers];
                }
                if (everyone.Count == 2)
                {
                    foreach (var peer in everyone) await peer.SendAsync("{\"peer\":true}"u8.ToArray(), context.RequestAborted);
                }
                try
                {
                    await foreach (var frame in LoopbackServer.ReceiveAllAsync(socket, context.RequestAborted))
                    {
                        List<Peer> targets;
                        lock (peers) targets = peers.Where(p => p != me).ToList();
                        foreach (var target in targets) await target.SendAsync(frame.Data, context.RequestAborted);
                    }
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
                {
                }
                lock (peers) peers.Remove(me);
            });
        }, certificate);
    }

    /// <summary>A relay socket; sends are serialised because two relay loops may write to it at once.</summary>
    private sealed class Peer(WebSocket socket)
    {
        private readonly SemaphoreSlim gate = new(1, 1);

        public async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            try { await socket.SendAsync(message, WebSocketMessageType.Text, true, cancellationToken); }
            finally { gate.Release(); }
        }
    }
}
