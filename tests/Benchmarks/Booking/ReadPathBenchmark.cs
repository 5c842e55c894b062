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
        using var load = new LoadGenerator(Connections);

        // Warmed as the booking benchmark is: every endpoint (and this load generator's own code) runs unmeasured first,
        // so the figures are those of a system in use, not of one just started (until 2026-12-03 each had 1 s of its own).
        string[] all = [$"{booking}/alive", $"{booking}/api/booking/concerns/move/slots", $"{gateway}/api/booking/concerns/move/slots",
            $"{gateway}/api/booking/concerns", $"{booking}/api/booking/concerns"];
        foreach (var url in all) await load.CountAsync(url, WarmUp, cancellationToken);

        var alive = await load.RequestsPerSecondAsync($"{booking}/alive", Duration, cancellationToken);
        var slotsDirect = await load.RequestsPerSecondAsync($"{booking}/api/booking/concerns/move/slots", Duration, cancellationToken);
        var slotsGateway = await load.RequestsPerSecondAsync($"{gateway}/api/booking/concerns/move/slots", Duration, cancellationToken);
        var catalogue = await load.RequestsPerSecondAsync($"{gateway}/api/booking/concerns", Duration, cancellationToken);
        var catalogueDirect = await load.RequestsPerSecondAsync($"{booking}/api/booking/concerns", Duration, cancellationToken);
        return new BenchmarkReport(Name,
        [
            new("free slots (move), 32 connections, direct", slotsDirect, "req/s", alive, "booking /alive direct"),
            new("free slots (move), 32 connections, via gateway", slotsGateway, "req/s", alive, "booking /alive direct"),
            new("concern catalogue, 32 connections, via gateway", catalogue, "req/s", alive, "booking /alive direct"),
            new("concern catalogue, 32 connections, direct", catalogueDirect, "req/s", alive, "booking /alive direct"),
        ]);
    }
}
