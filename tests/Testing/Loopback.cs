using System.Net;
using System.Net.Sockets;

namespace Municipal.Testing;

/// <summary>Ports on the loopback interface for servers a test or benchmark starts itself.</summary>
public static class Loopback
{
    /// <summary>A port free at this moment (the system's choice for port 0), for a server started right after.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
