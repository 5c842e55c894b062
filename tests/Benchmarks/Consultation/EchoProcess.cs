namespace Municipal.Benchmarks.Consultation;

/// <summary>
/// The connection baseline's echo server in a process of its own (this program started with <see cref="Argument"/>):
/// holding 10,000 WebSockets from both ends in one process would take 20,000 file descriptors, the most a process
/// may open here (ulimit -n), and its own process also gives the baseline's memory per connection.
/// </summary>
public sealed class EchoProcess : IAsyncDisposable
{
    public const string Argument = "--echo-server";
    private readonly ChildServer child;

    private EchoProcess(ChildServer child) => this.child = child;

    public Uri Url => child.Url;

    public int Pid => child.Pid;

    public Uri WebSocketUrl(string path) => new(new Uri(Url.ToString().Replace("http", "ws")), path);

    public static async Task<EchoProcess> StartAsync(CancellationToken cancellationToken) =>
        new(await ChildServer.StartAsync([Argument], null, cancellationToken));

    /// <summary>The child's side: serves the echo until its standard input closes.</summary>
    public static async Task<int> ServeAsync()
    {
        await using var server = await EchoServer.StartAsync();
        await ChildServer.ServeUntilStdinClosesAsync(server.Url);
        return 0;
    }

    public ValueTask DisposeAsync() => child.DisposeAsync();
}
