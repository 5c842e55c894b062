using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Municipal.AppHost;

/// <summary>
/// Health checks for infrastructure run as executables, each asking the server in its own protocol, so that
/// <c>WaitFor</c> means "answers" and not only "the process was started".
/// </summary>
internal static class ProbeHealthChecks
{
    /// <summary>Healthy when the server at 127.0.0.1:<paramref name="port"/> answers <paramref name="send"/> with bytes starting with <paramref name="expect"/>.</summary>
    public static IResourceBuilder<T> WithTcpProbe<T>(this IResourceBuilder<T> resource, int port, byte[] send, byte[] expect)
        where T : IResource
    {
        var key = $"{resource.Resource.Name}-answers";
        resource.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(key, async cancellationToken =>
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, timeout.Token);
                var stream = client.GetStream();
                if (send.Length > 0)
                {
                    await stream.WriteAsync(send, timeout.Token);
                }
                var buffer = new byte[Math.Max(expect.Length, 1)];
                var read = 0;
                while (read < expect.Length)
                {
                    var n = await stream.ReadAsync(buffer.AsMemory(read), timeout.Token);
                    if (n == 0)
                    {
                        break;
                    }
                    read += n;
                }
                return buffer.AsSpan(0, read).SequenceEqual(expect)
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy($"port {port} answered {Encoding.ASCII.GetString(buffer, 0, read)}");
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"port {port}: {e.Message}");
            }
        });
        return resource.WithHealthCheck(key);
    }

    /// <summary>Healthy when the command exits with 0 (e.g. <c>pg_isready</c>).</summary>
    public static IResourceBuilder<T> WithCommandProbe<T>(this IResourceBuilder<T> resource, string command, params string[] arguments)
        where T : IResource
    {
        var key = $"{resource.Resource.Name}-ready";
        resource.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(key, async cancellationToken =>
        {
            var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return HealthCheckResult.Unhealthy($"{command} did not answer");
            }
            return process.ExitCode == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{command}: {(await process.StandardOutput.ReadToEndAsync(cancellationToken)).Trim()}");
        });
        return resource.WithHealthCheck(key);
    }

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);
}
