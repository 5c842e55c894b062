using System.Diagnostics;
using Municipal.Testing;

namespace Municipal.Benchmarks.Booking;

/// <summary>
/// Issue 18's read figures: free slots of a concern and the concern catalogue under 32 connections, directly on the
/// booking service and through the gateway, each beside the booking service's own liveness endpoint (no database,
/// no work) hit the same way in the same run: that is what the machine allows an ASP.NET endpoint here.
/// </summary>
public sealed class ReadPathBenchmark : IBenchmark
{
    private const int Connections = 32;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public string Name => "read-path";

    public async Task<BenchmarkReport> RunAsync(CancellationToken cancellationToken)
    {
        var booking = TestEnvironment.Get("services__booking__http__0", "http://127.0.0.1:5101");
        var gateway = TestEnvironment.GatewayUrl;
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = Connections })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };

        // Warmed as the booking benchmark is: every endpoint (and this load generator's own code) runs unmeasured first,
        // so the figures are those of a system in use, not of one just started (until 2026-12-03 each had 1 s of its own).
        string[] all = [$"{booking}/alive", $"{booking}/api/booking/concerns/move/slots", $"{gateway}/api/booking/concerns/move/slots",
            $"{gateway}/api/booking/concerns", $"{booking}/api/booking/concerns"];
        foreach (var url in all) await CountAsync(http, url, WarmUp, cancellationToken);

        var alive = await RequestsPerSecondAsync(http, $"{booking}/alive", cancellationToken);
        var slotsDirect = await RequestsPerSecondAsync(http, $"{booking}/api/booking/concerns/move/slots", cancellationToken);
        var slotsGateway = await RequestsPerSecondAsync(http, $"{gateway}/api/booking/concerns/move/slots", cancellationToken);
        var catalogue = await RequestsPerSecondAsync(http, $"{gateway}/api/booking/concerns", cancellationToken);
        var catalogueDirect = await RequestsPerSecondAsync(http, $"{booking}/api/booking/concerns", cancellationToken);
        return new BenchmarkReport(Name,
        [
            new("free slots (move), 32 connections, direct", slotsDirect, "req/s", alive, "booking /alive direct"),
            new("free slots (move), 32 connections, via gateway", slotsGateway, "req/s", alive, "booking /alive direct"),
            new("concern catalogue, 32 connections, via gateway", catalogue, "req/s", alive, "booking /alive direct"),
            new("concern catalogue, 32 connections, direct", catalogueDirect, "req/s", alive, "booking /alive direct"),
        ]);
    }

    /// <summary>Successful GETs per second over a fixed time on 32 connections, after a short unmeasured warm-up.</summary>
    private static async Task<double> RequestsPerSecondAsync(HttpClient http, string url, CancellationToken ct)
    {
        await CountAsync(http, url, TimeSpan.FromSeconds(1), ct);
        var clock = Stopwatch.StartNew();
        var count = await CountAsync(http, url, Duration, ct);
        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Successful GETs of a URL on 32 connections for a time; any other answer fails the benchmark.</summary>
    private static async Task<int> CountAsync(HttpClient http, string url, TimeSpan length, CancellationToken ct)
    {
        async Task<int> Loop()
        {
            var ok = 0;
            var until = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < until)
            {
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead, ct);
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}.");
                ok++;
            }
            return ok;
        }

        return (await Task.WhenAll(Enumerable.Range(0, Connections).Select(_ => Loop()))).Sum();
    }
}
