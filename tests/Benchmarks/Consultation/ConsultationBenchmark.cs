using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MassTransit;
using Municipal.Testing;

namespace Municipal.Benchmarks.Consultation;

/// <summary>
/// Issue 5's figures for one signaling instance (the sessions service, addressed directly like the gateway
/// does): join → clerk notified p95, chat delivery latency at 1,000 messages/s, and connections held — the
/// latter two against a bare WebSocket echo server in the same run.
/// </summary>
public sealed class ConsultationBenchmark : IBenchmark
{
    // 1,000 lines/s spread over 100 rooms (10 a second each): the load of a busy instance, not of one chat.
    private const int Rooms = 100;
    private const int JoinSamples = 40;
    private const int MessagesPerSecond = 1000;
    private static readonly TimeSpan ChatDuration = TimeSpan.FromSeconds(5);
    // Issue 18: one instance holds 10,000 connections, each pinging as a browser does, and says what each costs it.
    private const int Connections = 10_000;
    private static readonly TimeSpan HoldFor = TimeSpan.FromSeconds(20);

    public string Name => "Consultation signaling";

    public async Task<BenchmarkReport> RunAsync(CancellationToken cancellationToken)
    {
        var service = new Uri(TestEnvironment.Get("services__sessions__http__0", "http://127.0.0.1:5102"));
        var hub = new Uri(service, "/hubs/session");
        await using var echo = await EchoServer.StartAsync();
        var figures = new List<BenchmarkFigure>();

        var rooms = await OpenRoomsAsync(service, cancellationToken);
        var clerks = new List<HubClient>();
        var residents = new List<HubClient>();
        try
        {
            foreach (var room in rooms)
            {
                var clerk = await HubClient.ConnectAsync(hub, room.StaffToken, cancellationToken);
                await clerk.InvokeAsync("JoinAsStaff", room.Id, 0L);
                clerks.Add(clerk);
            }

            var joins = await JoinLatencyAsync(hub, rooms, clerks, cancellationToken);
            figures.Add(new("join → clerk notified p95", Percentile(joins, 0.95), "ms"));
            figures.Add(new("join → clerk notified p50", Percentile(joins, 0.50), "ms"));

            foreach (var room in rooms)
            {
                var resident = await HubClient.ConnectAsync(hub, null, cancellationToken);
                await resident.InvokeAsync("JoinAsResident", room.Token, long.MaxValue);
                residents.Add(resident);
            }
            // Warm-up, not measured: for its first seconds after a start the service runs the chat path as first-tier
            // JIT code (measured cold, the first run's p99 was 60–80 ms, the next ones' 10–15 ms). Ten seconds rather than
            // three: run alone on a fresh start, six runs after three seconds read a p99 of 15.9–84.1 ms (median 25.9),
            // eight after ten seconds 10.8–25.3 ms (median 15.8; issue 18, README).
            await Paced(MessagesPerSecond * 10, i => residents[i % residents.Count].SendAsync("SendMessage", $"warm-up {i}", null));
            await Task.Delay(500, cancellationToken);
            await Drain(clerks);
            // What a line costs the service, robust against a busy machine where latencies are mostly waiting for a CPU:
            // its CPU time over the run and the second after (the transcript is written behind the answers).
            var sessions = ProcessMemory.ListeningOn(service.Port);
            var cpuBefore = sessions is { } before ? ProcessMemory.CpuSeconds(before) : double.NaN;
            var chat = await ChatLatencyAsync(residents, clerks, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var cpuPerLine = sessions is { } after ? (ProcessMemory.CpuSeconds(after) - cpuBefore) * 1000 / chat.Sent : double.NaN;
            var baseline = await EchoLatencyAsync(echo.WebSocketUrl("/echo"), cancellationToken);
            figures.Add(new($"chat delivery p99 at {MessagesPerSecond}/s", Percentile(chat.Latencies, 0.99), "ms", Percentile(baseline.Latencies, 0.99), "raw WebSocket echo p99"));
            figures.Add(new($"chat delivery p50 at {MessagesPerSecond}/s", Percentile(chat.Latencies, 0.50), "ms", Percentile(baseline.Latencies, 0.50), "raw WebSocket echo p50"));
            figures.Add(new("chat messages delivered", chat.Latencies.Count, $"of {chat.Sent}", baseline.Latencies.Count, "echoes"));
            figures.Add(new("sessions service CPU per chat line (numbered, announced, answered, stored)", cpuPerLine, "ms"));
        }
        finally
        {
            foreach (var client in clerks.Concat(residents)) await client.DisposeAsync();
        }

        var sessionsPid = ProcessMemory.ListeningOn(service.Port);
        var held = await HoldConnectionsAsync(Connections, sessionsPid,
            () => HubClient.ConnectAsync(hub, null, cancellationToken), client => client.PingAsync(), client => client.IsOpen);
        HoldResult heldEcho;
        await using (var echoProcess = await EchoProcess.StartAsync(cancellationToken))
        {
            heldEcho = await HoldConnectionsAsync(Connections, echoProcess.Pid, async () =>
            {
                var socket = new ClientWebSocket();
                await socket.ConnectAsync(echoProcess.WebSocketUrl("/echo"), cancellationToken);
                return new SocketHolder(socket);
            }, _ => Task.CompletedTask, holder => holder.IsOpen);
        }
        figures.Add(new($"hub connections held {HoldFor.TotalSeconds:0} s (of {Connections} opened at once)", held.Held, "connections", heldEcho.Held, "raw WebSocket"));
        figures.Add(new($"time to open {Connections} connections", held.Seconds, "s", heldEcho.Seconds, "raw WebSocket"));
        figures.Add(new("sessions service memory per held connection", held.KbPerConnection, "KiB", heldEcho.KbPerConnection, "raw WebSocket server process"));
        figures.Add(new("sessions service resident memory before the connections", held.RssBeforeMb, "MiB", heldEcho.RssBeforeMb, "raw WebSocket server process"));
        figures.Add(new($"sessions service resident memory holding them", held.RssAfterMb, "MiB", heldEcho.RssAfterMb, "raw WebSocket server process"));
        return new BenchmarkReport(Name, figures);
    }

    private sealed record BenchRoom(Guid Id, string Token, string StaffToken);

    private static async Task<List<BenchRoom>> OpenRoomsAsync(Uri service, CancellationToken cancellationToken)
    {
        var bus = await TestBus.StartAsync(cancellationToken);
        var rooms = new List<BenchRoom>();
        try
        {
            using var http = new HttpClient { BaseAddress = service };
            for (var chunk = 0; chunk < Rooms; chunk += 20)
            {
                rooms.AddRange(await Task.WhenAll(Enumerable.Range(chunk, Math.Min(20, Rooms - chunk)).Select(i => OpenRoomAsync(bus, http, i, cancellationToken))));
            }
        }
        finally
        {
            await bus.StopAsync(cancellationToken);
        }
        return rooms;
    }

    private static async Task<BenchRoom> OpenRoomAsync(IBus bus, HttpClient http, int i, CancellationToken cancellationToken)
    {
        var ticket = await Tickets.PublishAsync(bus, $"Benchmark {i}", cancellationToken);
        // The accept call waits for the room the event creates.
        var staffToken = Staff.Token(Staff.Clerk("residents-office", "move"), TimeSpan.FromHours(1));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions/rooms/accept") { Content = JsonContent.Create(new { ticketId = ticket.TicketId }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", staffToken);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var room = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return new BenchRoom(room.GetProperty("id").GetGuid(), ticket.Token, staffToken);
    }

    /// <summary>A resident opens the room (connect + join); the time until the clerk's connection hears of it.</summary>
    private static async Task<List<double>> JoinLatencyAsync(Uri hub, List<BenchRoom> rooms, List<HubClient> clerks, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        for (var i = 0; i < JoinSamples; i++)
        {
            var room = rooms[i % rooms.Count];
            var clerk = clerks[i % rooms.Count];
            await Drain([clerk]);
            var start = Stopwatch.GetTimestamp();
            await using var resident = await HubClient.ConnectAsync(hub, null, cancellationToken);
            await resident.InvokeAsync("JoinAsResident", room.Token, long.MaxValue);
            while (true)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                var (target, argument, received) = await clerk.Received.Reader.ReadAsync(timeout.Token);
                if (target == "Presence" && argument.TryGetProperty("joined", out var joined) && joined.ValueKind == JsonValueKind.Object && joined.GetProperty("role").GetString() == "resident")
                {
                    latencies.Add(Stopwatch.GetElapsedTime(start, received).TotalMilliseconds);
                    break;
                }
            }
        }
        return latencies;
    }

    private sealed record ChatRun(List<double> Latencies, int Sent);

    /// <summary>Residents write at the target rate, spread over the rooms; each clerk records when each line arrives.</summary>
    private static async Task<ChatRun> ChatLatencyAsync(List<HubClient> residents, List<HubClient> clerks, CancellationToken cancellationToken)
    {
        var results = new List<double>();
        var total = (int)(MessagesPerSecond * ChatDuration.TotalSeconds);
        var collectors = clerks.Select(clerk => Task.Run(async () =>
        {
            var mine = new List<double>();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ChatDuration + TimeSpan.FromSeconds(20));
            try
            {
                while (mine.Count < total / clerks.Count)
                {
                    var (target, argument, received) = await clerk.Received.Reader.ReadAsync(timeout.Token);
                    if (target != "Message") continue;
                    var text = argument.GetProperty("text").GetString()!;
                    if (!text.StartsWith("bench:", StringComparison.Ordinal)) continue;
                    mine.Add(Stopwatch.GetElapsedTime(long.Parse(text[6..]), received).TotalMilliseconds);
                }
            }
            catch (OperationCanceledException) { }
            return mine;
        })).ToList();

        await Paced(total, i => residents[i % residents.Count].SendAsync("SendMessage", $"bench:{Stopwatch.GetTimestamp()}", null));
        foreach (var list in await Task.WhenAll(collectors)) results.AddRange(list);
        return new ChatRun(results, total);
    }

    private static async Task<ChatRun> EchoLatencyAsync(Uri echo, CancellationToken cancellationToken)
    {
        var total = (int)(MessagesPerSecond * ChatDuration.TotalSeconds);
        var sockets = new List<ClientWebSocket>();
        for (var i = 0; i < Rooms; i++)
        {
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(echo, cancellationToken);
            sockets.Add(socket);
        }
        var locks = sockets.Select(_ => new SemaphoreSlim(1, 1)).ToList();
        var readers = sockets.Select(socket => Task.Run(async () =>
        {
            var mine = new List<double>();
            var buffer = new byte[256];
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ChatDuration + TimeSpan.FromSeconds(20));
            try
            {
                while (mine.Count < total / sockets.Count)
                {
                    var result = await socket.ReceiveAsync(buffer, timeout.Token);
                    var received = Stopwatch.GetTimestamp();
                    mine.Add(Stopwatch.GetElapsedTime(long.Parse(Encoding.ASCII.GetString(buffer, 0, result.Count)), received).TotalMilliseconds);
                }
            }
            catch (OperationCanceledException) { }
            return mine;
        })).ToList();

        await Paced(total, async i =>
        {
            var k = i % sockets.Count;
            await locks[k].WaitAsync(cancellationToken);
            try { await sockets[k].SendAsync(Encoding.ASCII.GetBytes(Stopwatch.GetTimestamp().ToString()), WebSocketMessageType.Text, true, cancellationToken); }
            finally { locks[k].Release(); }
        });
        var results = (await Task.WhenAll(readers)).SelectMany(l => l).ToList();
        foreach (var socket in sockets) socket.Abort();
        return new ChatRun(results, total);
    }

    /// <summary>Calls <paramref name="send"/> <paramref name="total"/> times at MessagesPerSecond, in 10 ms ticks.</summary>
    private static async Task Paced(int total, Func<int, Task> send)
    {
        var clock = Stopwatch.StartNew();
        var sent = 0;
        var pending = new List<Task>();
        while (sent < total)
        {
            var due = Math.Min(total, (int)(clock.Elapsed.TotalSeconds * MessagesPerSecond));
            for (; sent < due; sent++) pending.Add(send(sent));
            await Task.Delay(10);
        }
        await Task.WhenAll(pending);
    }

    /// <summary>Opened: how many connected; Held: how many were still open after <see cref="HoldFor"/>.</summary>
    private sealed record HoldResult(int Opened, int Held, double Seconds, double RssBeforeMb, double RssAfterMb)
    {
        public double KbPerConnection => Held > 0 ? (RssAfterMb - RssBeforeMb) * 1024 / Held : double.NaN;
    }

    /// <summary>
    /// Opens the connections (100 at a time), then holds them all for <see cref="HoldFor"/>, pinging each every 10 s as a
    /// client does, and counts those the server has not closed; the server's resident memory is read before the first
    /// and at the end of the hold.
    /// </summary>
    private static async Task<HoldResult> HoldConnectionsAsync<T>(int count, int? serverPid, Func<Task<T>> open, Func<T, Task> ping, Func<T, bool> isOpen)
        where T : IAsyncDisposable
    {
        var rssBefore = serverPid is { } before ? ProcessMemory.ResidentMb(before) : double.NaN;
        var clock = Stopwatch.StartNew();
        var opened = new List<T>();
        using var stopPinging = new CancellationTokenSource();
        var pinger = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await Task.Delay(TimeSpan.FromSeconds(10), stopPinging.Token);
                    T[] now;
                    lock (opened) now = [.. opened];
                    foreach (var connection in now)
                    {
                        try { await ping(connection); }
                        catch (Exception) { /* a closed connection is counted at the end */ }
                    }
                }
            }
            catch (OperationCanceledException) { }
        });
        for (var batch = 0; batch < count; batch += 100)
        {
            var tasks = Enumerable.Range(0, Math.Min(100, count - batch)).Select(_ => open()).ToList();
            foreach (var task in tasks)
            {
                try
                {
                    var connection = await task;
                    lock (opened) opened.Add(connection);
                }
                catch (Exception) { /* counted as not held */ }
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        await Task.Delay(HoldFor);
        var held = opened.Count(isOpen);
        var rssAfter = serverPid is { } after ? ProcessMemory.ResidentMb(after) : double.NaN;
        await stopPinging.CancelAsync();
        await pinger;
        foreach (var connection in opened) await connection.DisposeAsync();
        return new HoldResult(opened.Count, held, seconds, rssBefore, rssAfter);
    }

    private static async Task Drain(IEnumerable<HubClient> clients)
    {
        await Task.Delay(200);
        foreach (var client in clients) while (client.Received.Reader.TryRead(out _)) { }
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private sealed class SocketHolder(ClientWebSocket socket) : IAsyncDisposable
    {
        public bool IsOpen => socket.State == WebSocketState.Open;

        public ValueTask DisposeAsync()
        {
            socket.Abort();
            socket.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
