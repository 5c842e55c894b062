using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Net.Sockets;
using Municipal.Testing;

namespace Municipal.Benchmarks.Documents;

/// <summary>
/// Issue 8: a 100 MB PDF handed in at the kiosk endpoint through the gateway (streamed, virus-scanned, stored),
/// against clamd's own <c>INSTREAM</c> scan of the same file (issue 18's baseline), clamd scanning it by its path (the
/// scan alone, as the document service asks for it where clamd reads the storage) and a raw loopback TCP copy in the
/// same run; and the document service's peak resident memory while it takes the upload
/// (sampled from /proc). Each is run once unmeasured first, then five times; the median is reported.
/// </summary>
public sealed class UploadBenchmark : IBenchmark
{
    private const long Size = 100L * 1024 * 1024;
    private const int Runs = 5;

    public string Name => "Documents: 100 MB upload";

    public async Task<BenchmarkReport> RunAsync(CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.pdf");
        try
        {
            WritePdf(file);
            var raw = new List<double>();
            var clamd = new List<double>();
            var byPath = new List<double>();
            var gateway = new List<double>();
            var peaks = new List<double>();
            var pid = DocumentServicePid();
            var device = await KioskTokenAsync(cancellationToken);
            var idle = pid is { } p0 ? ResidentMegabytes(p0) : 0;
            // One round unmeasured, as the chat benchmark warms up: the first upload into a freshly started service
            // compiles its path (0.75-0.85 CPU-seconds in the document service, against 0.3-0.4 once warm).
            await RawLoopbackAsync(file, cancellationToken);
            await ClamdInstreamAsync(file, cancellationToken);
            await ClamdScanByPathAsync(file, cancellationToken);
            await ThroughGatewayAsync(file, pid, device, cancellationToken);
            for (var i = 0; i < Runs; i++)
            {
                raw.Add(await RawLoopbackAsync(file, cancellationToken));
                clamd.Add(await ClamdInstreamAsync(file, cancellationToken));
                byPath.Add(await ClamdScanByPathAsync(file, cancellationToken));
                var (seconds, peak) = await ThroughGatewayAsync(file, pid, device, cancellationToken);
                gateway.Add(seconds);
                peaks.Add(peak);
            }
            var mb = Size / 1048576.0;
            var figures = new List<BenchmarkFigure>
            {
                new("upload through the gateway (receive, scan, store), median", mb / Median(gateway), "MB/s", mb / Median(clamd), "clamd INSTREAM of the same file"),
                new("upload through the gateway (receive, scan, store), median", mb / Median(gateway), "MB/s", mb / Median(byPath), "clamd scanning the same file by its path (SCAN; the least a scan can take)"),
                new("upload through the gateway (receive, scan, store), median", mb / Median(gateway), "MB/s", mb / Median(raw), "raw loopback TCP copy"),
            };
            if (pid is not null)
            {
                figures.Add(new("document service peak resident memory during a 100 MB upload", peaks.Max(), "MB", idle, "before the uploads"));
            }
            return new BenchmarkReport(Name, figures);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static void WritePdf(string path)
    {
        using var output = File.Create(path);
        output.Write("%PDF-1.4\n"u8);
        var filler = new byte[1 << 20];
        for (var i = 0; i < filler.Length; i++) filler[i] = (byte)('a' + i % 23);
        var tail = "\nstartxref\n0\n%%EOF\n"u8.ToArray();
        var remaining = Size - 9 - tail.Length;
        while (remaining > 0)
        {
            var n = (int)Math.Min(filler.Length, remaining);
            output.Write(filler, 0, n);
            remaining -= n;
        }
        output.Write(tail);
    }

    private static async Task<double> RawLoopbackAsync(string path, CancellationToken ct)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var receive = Task.Run(async () =>
            {
                using var server = await listener.AcceptTcpClientAsync(ct);
                await using var stream = server.GetStream();
                await stream.CopyToAsync(Stream.Null, ct);
            }, ct);
            var clock = Stopwatch.StartNew();
            using (var client = new TcpClient())
            {
                await client.ConnectAsync(IPAddress.Loopback, port, ct);
                await using var source = File.OpenRead(path);
                await source.CopyToAsync(client.GetStream(), 81920, ct);
                client.Client.Shutdown(SocketShutdown.Send);
                await receive;
            }
            return clock.Elapsed.TotalSeconds;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>
    /// clamd scanning the file on its own: <c>zINSTREAM</c>, the file in 64 KiB chunks each behind its big-endian
    /// length, a zero length, then its verdict. The same clamd the document service uses.
    /// </summary>
    private static async Task<double> ClamdInstreamAsync(string path, CancellationToken ct)
    {
        var address = new Uri(TestEnvironment.ClamAv);
        var clock = Stopwatch.StartNew();
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port, ct);
        await using var stream = client.GetStream();
        await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), ct);
        await using var source = File.OpenRead(path);
        var chunk = new byte[4 + 65536];
        int read;
        while ((read = await source.ReadAsync(chunk.AsMemory(4, 65536), ct)) > 0)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(chunk, read);
            await stream.WriteAsync(chunk.AsMemory(0, 4 + read), ct);
        }
        await stream.WriteAsync(new byte[4], ct);
        await ExpectCleanAsync(stream, ct);
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>clamd reading the file itself (<c>zSCAN</c> with its path): no transfer, only the scan.</summary>
    private static async Task<double> ClamdScanByPathAsync(string path, CancellationToken ct)
    {
        var address = new Uri(TestEnvironment.ClamAv);
        var clock = Stopwatch.StartNew();
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port, ct);
        await using var stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes($"zSCAN {Path.GetFullPath(path)}\0"), ct);
        await ExpectCleanAsync(stream, ct);
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Reads clamd's NUL-ended answer; anything but "…: OK" stops the benchmark.</summary>
    private static async Task ExpectCleanAsync(NetworkStream stream, CancellationToken ct)
    {
        using var reply = new MemoryStream();
        var buffer = new byte[512];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            reply.Write(buffer, 0, read);
            if (buffer[read - 1] == 0) break;
        }
        var verdict = System.Text.Encoding.UTF8.GetString(reply.ToArray()).TrimEnd('\0');
        if (!verdict.EndsWith(": OK", StringComparison.Ordinal)) throw new InvalidOperationException($"clamd answered '{verdict}'.");
    }

    /// <summary>The kiosk is a registered device: the admin issues an enrolment code, the benchmark trades it for a token.</summary>
    private static async Task<string> KioskTokenAsync(CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = new Uri(TestEnvironment.GatewayUrl) };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = "Schalter-2026!" }, ct);
        login.EnsureSuccessStatusCode();
        // The session cookie is marked Secure, which a CookieContainer withholds over plain http on loopback.
        var cookie = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("municipal.staff=", StringComparison.Ordinal));
        using var issue = new HttpRequestMessage(HttpMethod.Post, "/api/documents/kiosk/devices") { Content = JsonContent.Create(new { name = "Benchmark kiosk" }) };
        issue.Headers.Add("Cookie", cookie);
        using var issued = await http.SendAsync(issue, ct);
        issued.EnsureSuccessStatusCode();
        var code = (await issued.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("enrolmentCode").GetString();
        using var enrolled = await http.PostAsJsonAsync("/api/documents/kiosk/enrolment", new { code }, ct);
        enrolled.EnsureSuccessStatusCode();
        return (await enrolled.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("token").GetString()!;
    }

    private static async Task<(double Seconds, double PeakMegabytes)> ThroughGatewayAsync(string path, int? pid, string device, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri(TestEnvironment.GatewayUrl), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add("X-Kiosk-Device", device);
        await using var source = File.OpenRead(path);
        var part = new StreamContent(source, 81920);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var form = new MultipartFormDataContent { { part, "files", "benchmark.pdf" } };
        form.Add(new StringContent("general-enquiry"), "concernKey");

        var peak = 0.0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested && pid is { } p)
            {
                peak = Math.Max(peak, ResidentMegabytes(p));
                await Task.Delay(20, CancellationToken.None);
            }
        }, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync("/api/documents/kiosk/submissions", form, ct);
        var seconds = clock.Elapsed.TotalSeconds;
        sampling.Cancel();
        await sampler;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
        return (seconds, peak);
    }

    /// <summary>The process listening on the document service's port (services__documents__http__0), found in /proc.</summary>
    private static int? DocumentServicePid()
    {
        var url = TestEnvironment.Get("services__documents__http__0", "");
        if (url.Length == 0 || !Directory.Exists("/proc")) return null;
        // Under the AppHost the service is named by host name (localhost), the port is what identifies it.
        var port = $":{new Uri(url).Port}";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (!File.ReadAllText(Path.Combine(dir, "cmdline")).Contains("Municipal.DocumentIntake", StringComparison.Ordinal)) continue;
                if (File.ReadAllText(Path.Combine(dir, "environ")).Split('\0')
                    .Any(v => v.StartsWith("ASPNETCORE_URLS=", StringComparison.Ordinal) && v.TrimEnd('/').EndsWith(port, StringComparison.Ordinal))) return pid;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return null;
    }

    private static double ResidentMegabytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        }
        catch (IOException) { return 0; }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
