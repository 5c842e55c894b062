using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Municipal.DocumentIntake.Telemetry;

namespace Municipal.DocumentIntake.Scanning;

/// <summary>
/// Scans a stream with clamd's INSTREAM command over TCP (<c>ConnectionStrings:clamav</c>, <c>tcp://host:port</c>):
/// chunks of at most 64 KiB, each prefixed by its big-endian length, ended by a zero-length chunk. A file longer than
/// clamd's StreamMaxLength (<c>Documents:ScanMaxBytes</c>) is not passed as clean: clamd runs with AlertExceedsMax, and
/// we count an over-long stream, or clamd's "size limit exceeded" answer, as a detection.
/// </summary>
public sealed class ClamAvScanner(IConfiguration configuration, IOptions<DocumentOptions> options, DocumentMetrics metrics, ILogger<ClamAvScanner> logger)
{
    public const string LimitExceeded = "Heuristics.Limits.Exceeded.StreamMaxLength";
    private const int ChunkSize = 64 * 1024;

    /// <summary>Where clamd listens; settable so an operator (or a test) can move it without a restart.</summary>
    public Uri Endpoint { get; set; } = new(configuration.GetConnectionString("clamav") ?? "tcp://127.0.0.1:3310");

    public async Task<ScanResult> ScanAsync(Stream content, CancellationToken ct)
    {
        var result = await ScanStreamAsync(content, ct);
        metrics.Scanned(result);
        return result;
    }

    private async Task<ScanResult> ScanStreamAsync(Stream content, CancellationToken ct)
    {
        if (content.CanSeek && content.Length > options.Value.ScanMaxBytes) return ScanResult.Infected(LimitExceeded);

        using var client = new TcpClient { NoDelay = true };
        try
        {
            using (var connect = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                connect.CancelAfter(TimeSpan.FromSeconds(options.Value.ScanConnectTimeoutSeconds));
                await client.ConnectAsync(Endpoint.Host, Endpoint.Port, connect.Token);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("clamd at {Endpoint} is unreachable: {Error}", Endpoint, ex.Message);
            return ScanResult.Unavailable(ex.Message);
        }

        var network = client.GetStream();
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize + 4);
        try
        {
            await network.WriteAsync("zINSTREAM\0"u8.ToArray(), ct);
            try
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(4, ChunkSize), ct)) > 0)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)read);
                    await network.WriteAsync(buffer.AsMemory(0, read + 4), ct);
                }
                await network.WriteAsync(new byte[4], ct);
            }
            catch (IOException)
            {
                // clamd closes the connection when the stream passes StreamMaxLength; its answer says why.
            }
            var reply = await ReadReplyAsync(network, ct);
            return Interpret(reply);
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            logger.LogWarning("clamd at {Endpoint} failed during a scan: {Error}", Endpoint, ex.Message);
            return ScanResult.Unavailable(ex.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static ScanResult Interpret(string reply)
    {
        reply = reply.TrimEnd('\0', '\n', ' ');
        if (reply.Contains("size limit exceeded", StringComparison.OrdinalIgnoreCase)) return ScanResult.Infected(LimitExceeded);
        if (reply.EndsWith(" FOUND", StringComparison.Ordinal))
        {
            var start = reply.IndexOf(':');
            return ScanResult.Infected(reply[(start + 1)..^" FOUND".Length].Trim());
        }
        if (reply.EndsWith(": OK", StringComparison.Ordinal)) return ScanResult.Clean;
        return ScanResult.Unavailable($"clamd answered: {reply}");
    }

    private static async Task<string> ReadReplyAsync(NetworkStream network, CancellationToken ct)
    {
        var reply = new MemoryStream();
        var buffer = new byte[512];
        int read;
        while (reply.Length < 4096 && (read = await network.ReadAsync(buffer, ct)) > 0)
        {
            reply.Write(buffer, 0, read);
            if (buffer.AsSpan(0, read).Contains((byte)0)) break;
        }
        return Encoding.ASCII.GetString(reply.ToArray());
    }
}
