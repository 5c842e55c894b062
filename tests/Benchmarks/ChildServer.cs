using System.Diagnostics;

namespace Municipal.Benchmarks;

/// <summary>
/// A baseline server in a process of its own: this program started again with a mode argument, which serves, prints
/// its URL as its first line and runs until its standard input closes. Its own process keeps its CPU and memory apart
/// from the load generator's.
/// </summary>
public sealed class ChildServer : IAsyncDisposable
{
    private readonly Process process;

    private ChildServer(Process process, Uri url) => (this.process, Url) = (process, url);

    public Uri Url { get; }

    public int Pid => process.Id;

    /// <param name="arguments">The mode argument first, then the mode's own.</param>
    /// <param name="environment">Variables set for the child only.</param>
    public static async Task<ChildServer> StartAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(ChildServer).Assembly.Location);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var url = await process.StandardOutput.ReadLineAsync(timeout.Token)
            ?? throw new InvalidOperationException($"The {string.Join(' ', arguments)} process ended before it listened.");
        return new ChildServer(process, new Uri(url));
    }

    /// <summary>The child's side: prints the URL it serves, then waits until its standard input closes.</summary>
    public static async Task ServeUntilStdinClosesAsync(Uri url)
    {
        Console.WriteLine(url);
        await Console.In.ReadToEndAsync();
    }

    public async ValueTask DisposeAsync()
    {
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(10))) process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
