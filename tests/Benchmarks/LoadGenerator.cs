using System.Diagnostics;

namespace Municipal.Benchmarks;

/// <summary>
/// The read benchmarks' load: GETs of one URL on a fixed number of connections, each sent as soon as the one before
/// it on its connection has been answered (closed loop), for a fixed time.
/// </summary>
public sealed class LoadGenerator(int connections) : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = connections })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Successful GETs per second over <paramref name="length"/>, after an unmeasured second.</summary>
    public async Task<double> RequestsPerSecondAsync(string url, TimeSpan length, CancellationToken ct)
    {
        await CountAsync(url, TimeSpan.FromSeconds(1), ct);
        var clock = Stopwatch.StartNew();
        var count = await CountAsync(url, length, ct);
        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Successful GETs of a URL on every connection for a time; any other answer fails the benchmark.</summary>
    public async Task<int> CountAsync(string url, TimeSpan length, CancellationToken ct)
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

        return (await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Loop()))).Sum();
    }

    /// <summary>One GET's body, to check that two addresses answer the same.</summary>
    public Task<string> GetStringAsync(string url, CancellationToken ct) => http.GetStringAsync(url, ct);

    public void Dispose() => http.Dispose();
}
