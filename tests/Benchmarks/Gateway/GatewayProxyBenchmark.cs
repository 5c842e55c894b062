using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Municipal.Benchmarks.Consultation;
using Municipal.Testing;

namespace Municipal.Benchmarks.Gateway;

/// <summary>
/// Issue 18's row "gateway proxying vs nginx proxying the same booking endpoint, ≥ 0.9 on a cheap endpoint": the
/// concern catalogue (booking keeps it in memory, so the proxy's own cost shows) through our gateway, against nginx
/// (Debian's nginx-light, which scripts/bench installs) proxying the same path to the same booking service as a city
/// would set it up: HTTP/1.1 with kept connections to the upstream, the client's address and scheme passed on, no
/// access log (the gateway writes none per request either). Both are loaded by the same generator on 32 connections,
/// in turns (gateway, YARP alone, nginx, three times each), so a slow minute of the machine falls on all. YARP alone
/// (<see cref="BareProxy"/>) is the floor a .NET proxy has here: the gap from it to the gateway is the gateway's own
/// middleware, the gap from it to nginx is Kestrel, YARP and HttpClient against C.
/// </summary>
public sealed class GatewayProxyBenchmark : IBenchmark
{
    private const int Connections = 32;
    private const int Rounds = 3;
    private const string Path = "/api/booking/concerns";
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public string Name => "gateway proxying";

    public async Task<BenchmarkReport> RunAsync(CancellationToken cancellationToken)
    {
        var booking = new Uri(TestEnvironment.Get("services__booking__http__0", "http://127.0.0.1:5101"));
        var gateway = TestEnvironment.GatewayUrl.TrimEnd('/');
        await using var nginx = await Nginx.StartAsync(booking, cancellationToken);
        await using var yarp = await BareProxy.StartAsync(booking, cancellationToken);
        var bareUrl = yarp.Url.ToString().TrimEnd('/');
        using var load = new LoadGenerator(Connections);

        // The same answer through each, or the comparison is not of the same work.
        var answer = await load.GetStringAsync(gateway + Path, cancellationToken);
        foreach (var other in new[] { nginx.Url, bareUrl })
        {
            if (await load.GetStringAsync(other + Path, cancellationToken) != answer)
                throw new InvalidOperationException($"{other} answered the catalogue otherwise than the gateway.");
        }

        foreach (var url in new[] { gateway, bareUrl, nginx.Url }) await load.CountAsync(url + Path, WarmUp, cancellationToken);
        var gatewayPid = ProcessMemory.ListeningOn(new Uri(gateway).Port) ?? throw new InvalidOperationException("No gateway process found.");
        var bookingPid = ProcessMemory.ListeningOn(booking.Port) ?? throw new InvalidOperationException("No booking process found.");
        var ours = new List<Round>();
        var bare = new List<Round>();
        var theirs = new List<Round>();
        for (var round = 0; round < Rounds; round++)
        {
            ours.Add(await MeasureAsync(load, gateway + Path, () => ProcessMemory.CpuSeconds(gatewayPid), bookingPid, cancellationToken));
            bare.Add(await MeasureAsync(load, bareUrl + Path, () => ProcessMemory.CpuSeconds(yarp.Pid), bookingPid, cancellationToken));
            theirs.Add(await MeasureAsync(load, nginx.Url + Path, nginx.CpuSeconds, bookingPid, cancellationToken));
        }
        var direct = await load.RequestsPerSecondAsync(booking.ToString().TrimEnd('/') + Path, Duration, cancellationToken);

        var (gatewayRound, bareRound, nginxRound) = (Median(ours), Median(bare), Median(theirs));
        return new BenchmarkReport(Name,
        [
            new("concern catalogue through the gateway, 32 connections, median of 3", gatewayRound.PerSecond, "req/s", nginxRound.PerSecond, "nginx proxying the same, median of 3"),
            new("concern catalogue through the gateway, the lowest of 3", ours.Min(r => r.PerSecond), "req/s", theirs.Min(r => r.PerSecond), "nginx, the lowest of 3"),
            new("concern catalogue through the gateway, the highest of 3", ours.Max(r => r.PerSecond), "req/s", theirs.Max(r => r.PerSecond), "nginx, the highest of 3"),
            new("concern catalogue through YARP alone (no middleware), median of 3", bareRound.PerSecond, "req/s", nginxRound.PerSecond, "nginx, median of 3"),
            new("concern catalogue through the gateway against YARP alone", gatewayRound.PerSecond, "req/s", bareRound.PerSecond, "YARP alone, median of 3"),
            new("one request in the median round: CPU of the gateway", gatewayRound.ProxyMicros, "µs", nginxRound.ProxyMicros, "CPU of nginx (all its workers)"),
            new("one request in the median round: CPU of YARP alone", bareRound.ProxyMicros, "µs", nginxRound.ProxyMicros, "CPU of nginx (all its workers)"),
            new("one request in the median round: CPU of booking behind the gateway", gatewayRound.BookingMicros, "µs", nginxRound.BookingMicros, "behind nginx"),
            new("one request in the median round: CPU of the whole machine through the gateway", gatewayRound.MachineMicros, "µs", nginxRound.MachineMicros, "through nginx"),
            new("concern catalogue straight from booking (no proxy)", direct, "req/s"),
        ]);
    }

    /// <summary>One measured round: requests per second, and the CPU each request cost the proxy, booking and the machine, in µs.</summary>
    private sealed record Round(double PerSecond, double ProxyMicros, double BookingMicros, double MachineMicros);

    private static async Task<Round> MeasureAsync(LoadGenerator load, string url, Func<double> proxyCpu, int bookingPid, CancellationToken ct)
    {
        await load.CountAsync(url, TimeSpan.FromSeconds(1), ct);
        var (proxy, booking, machine) = (proxyCpu(), ProcessMemory.CpuSeconds(bookingPid), MachineLoad.CpuTimes());
        var clock = Stopwatch.StartNew();
        var count = await load.CountAsync(url, Duration, ct);
        var seconds = clock.Elapsed.TotalSeconds;
        var machineAfter = MachineLoad.CpuTimes();
        var machineSeconds = machine is { } m0 && machineAfter is { } m1 ? (m1.Total - m1.Idle - (m0.Total - m0.Idle)) / 100.0 : double.NaN;
        return new Round(count / seconds, (proxyCpu() - proxy) * 1e6 / count, (ProcessMemory.CpuSeconds(bookingPid) - booking) * 1e6 / count,
            machineSeconds * 1e6 / count);
    }

    private static Round Median(List<Round> rounds) => rounds.OrderBy(r => r.PerSecond).ElementAt(rounds.Count / 2);

    /// <summary>nginx in a directory of its own on a free loopback port, in the foreground, stopped with the benchmark.</summary>
    private sealed class Nginx(Process process, DirectoryInfo directory, string url) : IAsyncDisposable
    {
        private const string Binary = "/usr/sbin/nginx";

        public string Url => url;

        /// <summary>CPU seconds of nginx's master and its workers so far.</summary>
        public double CpuSeconds() =>
            Processes.Descendants(process.Id).Prepend(process.Id).Select(ProcessMemory.CpuSeconds).Where(s => !double.IsNaN(s)).Sum();

        public static async Task<Nginx> StartAsync(Uri upstream, CancellationToken ct)
        {
            if (!File.Exists(Binary)) throw new InvalidOperationException($"{Binary} is missing: scripts/bench installs the Debian package nginx-light.");
            var directory = Directory.CreateTempSubdirectory("nginx-bench-");
            var port = Loopback.FreePort();
            var prefix = directory.FullName;
            // One worker per core, as the gateway's thread pool has; the upstream's connections kept, as YARP keeps them.
            var configuration = $$"""
                worker_processes auto;
                pid {{prefix}}/nginx.pid;
                error_log {{prefix}}/error.log warn;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  client_body_temp_path {{prefix}}/body;
                  proxy_temp_path {{prefix}}/proxy;
                  fastcgi_temp_path {{prefix}}/fastcgi;
                  uwsgi_temp_path {{prefix}}/uwsgi;
                  scgi_temp_path {{prefix}}/scgi;
                  upstream booking { server {{upstream.Host}}:{{upstream.Port}}; keepalive 64; }
                  server {
                    listen 127.0.0.1:{{port}};
                    location / {
                      proxy_pass http://booking;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_set_header Host $host;
                      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                      proxy_set_header X-Forwarded-Proto $scheme;
                    }
                  }
                }
                """;
            var file = System.IO.Path.Combine(prefix, "nginx.conf");
            await File.WriteAllTextAsync(file, configuration, ct);
            var start = new ProcessStartInfo(Binary) { RedirectStandardError = true };
            foreach (var argument in new[] { "-p", prefix, "-c", file, "-g", "daemon off;" }) start.ArgumentList.Add(argument);
            var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
            var nginx = new Nginx(process, directory, $"http://127.0.0.1:{port}");
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!await AnswersAsync(port))
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    if (!process.HasExited) process.Kill(entireProcessTree: true);
                    var errorLog = System.IO.Path.Combine(prefix, "error.log");
                    var said = await process.StandardError.ReadToEndAsync(ct) + (File.Exists(errorLog) ? await File.ReadAllTextAsync(errorLog, ct) : "");
                    await nginx.DisposeAsync();
                    throw new InvalidOperationException($"nginx did not listen on {port}: {said}");
                }
                await Task.Delay(50, ct);
            }
            return nginx;
        }

        private static async Task<bool> AnswersAsync(int port)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
            directory.Delete(recursive: true);
        }
    }
}
