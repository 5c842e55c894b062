using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Municipal.ServiceDefaults;

/// <summary>
/// Asks a server the system only hands work to (the mail server, the virus scanner) whether it answers, in its own
/// protocol: connect, send <c>send</c> (if any), expect an answer starting with <c>expect</c>. Such an outage only
/// delays work (mails and scans wait and are retried, README "The fault day"), so a failure is <c>Degraded</c>:
/// <c>/health</c> names it and still answers 200, and the gateway keeps the service in its rotation. The answer is
/// kept for <see cref="Keep"/>: the gateway's and the AppHost's polls of <c>/health</c> do not each open a connection.
/// </summary>
public sealed class ServerProbe(string host, int port, string send, string expect) : IHealthCheck
{
    public static readonly TimeSpan Keep = TimeSpan.FromSeconds(10);

    private Answer? last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (last is { } kept && Stopwatch.GetElapsedTime(kept.At) < Keep) return kept.Result;
        var result = await AskAsync(context.Registration.FailureStatus, cancellationToken);
        last = new Answer(result, Stopwatch.GetTimestamp());
        return result;
    }

    private sealed record Answer(HealthCheckResult Result, long At);

    private async Task<HealthCheckResult> AskAsync(HealthStatus failure, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, timeout.Token);
            var stream = client.GetStream();
            if (send.Length > 0) await stream.WriteAsync(Encoding.ASCII.GetBytes(send), timeout.Token);
            var expected = Encoding.ASCII.GetBytes(expect);
            var buffer = new byte[expected.Length];
            var read = 0;
            while (read < expected.Length && await stream.ReadAsync(buffer.AsMemory(read), timeout.Token) is var n and > 0) read += n;
            return buffer.AsSpan(0, read).SequenceEqual(expected)
                ? HealthCheckResult.Healthy($"{host}:{port} answers")
                : new HealthCheckResult(failure, $"{host}:{port} answered '{Encoding.ASCII.GetString(buffer, 0, read).Trim()}', not '{expect.Trim()}'");
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(failure, $"{host}:{port} does not answer: {e.Message}");
        }
    }
}

public static class ServerProbeExtensions
{
    /// <summary>A <see cref="ServerProbe"/> named <paramref name="name"/> in <c>/health</c>, degraded (never unhealthy) when the server does not answer.</summary>
    public static IHealthChecksBuilder AddServerProbe(this IHealthChecksBuilder checks, string name, Uri server, string send, string expect) =>
        checks.Add(new HealthCheckRegistration(name, new ServerProbe(server.Host, server.Port, send, expect), HealthStatus.Degraded, [Extensions.ReadyTag]));
}
