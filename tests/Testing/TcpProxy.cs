using System.Net;
using System.Net.Sockets;

namespace Municipal.Testing;

/// <summary>
/// A loopback TCP proxy in front of a real server. <see cref="Stop"/> drops every connection and refuses new
/// ones, as if the server went down; <see cref="Start"/> brings it back on the same port. Lets a test take a
/// shared server (RabbitMQ, Redis, Postgres) away from one component without disturbing anyone else.
/// </summary>
public sealed class TcpProxy(string targetHost, int targetPort) : IDisposable
{
    private readonly List<TcpClient> connections = [];
    private TcpListener? listener;
    private CancellationTokenSource? running;

    public int Port { get; private set; }

    public bool IsRunning => listener is not null;

    /// <summary>The connections accepted since the proxy was made.</summary>
    public int Accepted => accepted;

    private int accepted;

    public TcpProxy Start()
    {
        listener = Port == 0 ? ListenOnFreePort() : Listen(Port);
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        running = new CancellationTokenSource();
        _ = AcceptLoop(listener, running.Token);
        return this;
    }

    /// <summary>
    /// A port below the kernel's ephemeral range (32768 and up): while the proxy is stopped, an outgoing connection of
    /// any process may be given an ephemeral port, and the restart would find its own port taken.
    /// </summary>
    private static TcpListener ListenOnFreePort()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return Listen(Random.Shared.Next(20000, 32000));
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < 50)
            {
            }
        }
    }

    private static TcpListener Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        return listener;
    }

    public void Stop()
    {
        running?.Cancel();
        listener?.Stop();
        listener = null;
        lock (connections)
        {
            foreach (var connection in connections) connection.Dispose();
            connections.Clear();
        }
    }

    public void Dispose() => Stop();

    private async Task AcceptLoop(TcpListener server, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await server.AcceptTcpClientAsync(cancellationToken); }
            catch (Exception) { return; }
            Interlocked.Increment(ref accepted);
            _ = Pipe(client, cancellationToken);
        }
    }

    private async Task Pipe(TcpClient client, CancellationToken cancellationToken)
    {
        var upstream = new TcpClient();
        lock (connections) { connections.Add(client); connections.Add(upstream); }
        try
        {
            await upstream.ConnectAsync(targetHost, targetPort, cancellationToken);
            var a = client.GetStream();
            var b = upstream.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, cancellationToken), b.CopyToAsync(a, cancellationToken));
        }
        catch (Exception)
        {
            // A dropped connection is what the proxy is for.
        }
        finally
        {
            client.Dispose();
            upstream.Dispose();
        }
    }
}
