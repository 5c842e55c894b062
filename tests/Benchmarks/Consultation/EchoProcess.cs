using System.Diagnostics;

namespace Municipal.Benchmarks.Consultation;

/// <summary>
/// The connection baseline's echo server in a process of its own (this program started with <see cref="Argument"/>):
/// holding 10,000 WebSockets from both ends in one process would take 20,000 file descriptors, the most a process
/// may open here (ulimit -n), and its own process also gives the baseline's memory per connection.
/// </summary>
public sealed class EchoProcess : IAsyncDisposable
{
    public const string Argument = "--echo-server";
    private readonly Process process;

    private EchoProcess(Process process, Uri url) => (this.process, Url) = (process, url);

    public Uri Url { get; }

    public int Pid => process.Id;

    public Uri WebSocketUrl(string path) => new(new Uri(Url.ToString().Replace("http", "ws")), path);

    public static async Task<EchoProcess> StartAsync(CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath!;
        var start = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? new ProcessStartInfo(self) { ArgumentList = { typeof(EchoProcess).Assembly.Location, Argument } }
            : new ProcessStartInfo(self) { ArgumentList = { Argument } };
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var url = await process.StandardOutput.ReadLineAsync(timeout.Token)
            ?? throw new InvalidOperationException("The echo server process ended before it listened.");
        return new EchoProcess(process, new Uri(url));
    }

    /// <summary>The child's side: serves the echo and prints its URL, until its standard input closes.</summary>
    public static async Task<int> ServeAsync()
    {
        await using var server = await EchoServer.StartAsync();
        Console.WriteLine(server.Url);
        await Console.In.ReadToEndAsync();
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(10))) process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
