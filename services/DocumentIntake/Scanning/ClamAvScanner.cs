using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Options;
using Municipal.DocumentIntake.Telemetry;

namespace Municipal.DocumentIntake.Scanning;

/// <summary>
/// Scans a stream with clamd's INSTREAM command over TCP (<c>ConnectionStrings:clamav</c>, <c>tcp://host:port</c>):
/// chunks of at most 256 KiB, each prefixed by its big-endian length, ended by a zero-length chunk. A file longer than
/// clamd's StreamMaxLength (<c>Documents:ScanMaxBytes</c>) is not passed as clean: clamd runs with AlertExceedsMax, and
/// we count an over-long stream, or clamd's "size limit exceeded" answer, as a detection.
/// </summary>
public sealed class ClamAvScanner(IConfiguration configuration, IOptions<DocumentOptions> options, DocumentMetrics metrics, ILogger<ClamAvScanner> logger)
{
    public const string LimitExceeded = "Heuristics.Limits.Exceeded.StreamMaxLength";
    private const int ChunkSize = 256 * 1024;

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
        await using var session = await StartStreamAsync(ct);
        if (session is null) return ScanResult.Unavailable($"clamd at {Endpoint} is unreachable");
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, ChunkSize), ct)) > 0) await session.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return await session.CompleteAsync(ct);
    }

    /// <summary>
    /// Asks clamd to read and scan a stored file itself (<c>SCAN</c>; see <see cref="DocumentOptions.ScanStoredFile"/>):
    /// no second copy of the file, and nothing sent but its path. A file longer than <c>ScanMaxBytes</c> counts as a
    /// detection without asking, as in a stream. Unavailable when clamd cannot be reached or cannot read the file.
    /// </summary>
    public async Task<ScanResult> ScanFileAsync(string path, long length, CancellationToken ct)
    {
        var result = length > options.Value.ScanMaxBytes ? ScanResult.Infected(LimitExceeded) : await ScanPathAsync(Path.GetFullPath(path), ct);
        metrics.Scanned(result);
        return result;
    }

    private async Task<ScanResult> ScanPathAsync(string path, CancellationToken ct)
    {
        using var client = await ConnectAsync(ct);
        if (client is null) return ScanResult.Unavailable($"clamd at {Endpoint} is unreachable");
        try
        {
            var network = client.GetStream();
            await network.WriteAsync(Encoding.UTF8.GetBytes($"zSCAN {path}\0"), ct);
            var result = Interpret(await ReadReplyAsync(network, ct));
            if (result.Outcome == ScanOutcome.Unavailable) logger.LogWarning("clamd at {Endpoint} could not scan a stored file by its path: {Reply}", Endpoint, result.Error);
            return result;
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            logger.LogWarning("clamd at {Endpoint} failed during a scan: {Error}", Endpoint, ex.Message);
            return ScanResult.Unavailable(ex.Message);
        }
    }

    /// <summary>
    /// Opens an INSTREAM scan that is fed piece by piece while a file arrives (<see cref="ScanSession"/>), so the
    /// verdict is ready soon after the last byte instead of after a second pass over the stored file. Null when clamd
    /// cannot be reached: the caller scans the stored file later, as before.
    /// </summary>
    public async Task<ScanSession?> StartAsync(CancellationToken ct) => await StartStreamAsync(ct) is { } session ? new ScanSession(session, metrics) : null;

    private async Task<InStream?> StartStreamAsync(CancellationToken ct)
    {
        var client = await ConnectAsync(ct);
        if (client is null) return null;
        try
        {
            await client.GetStream().WriteAsync("zINSTREAM\0"u8.ToArray(), ct);
            return new InStream(client, options.Value.ScanMaxBytes, Endpoint, logger);
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            client.Dispose();
            logger.LogWarning("clamd at {Endpoint} is unreachable: {Error}", Endpoint, ex.Message);
            return null;
        }
    }

    /// <summary>A connection to clamd within <c>ScanConnectTimeoutSeconds</c>, or null when it cannot be reached.</summary>
    private async Task<TcpClient?> ConnectAsync(CancellationToken ct)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            using var connect = CancellationTokenSource.CreateLinkedTokenSource(ct);
            connect.CancelAfter(TimeSpan.FromSeconds(options.Value.ScanConnectTimeoutSeconds));
            await client.ConnectAsync(Endpoint.Host, Endpoint.Port, connect.Token);
            return client;
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            client.Dispose();
            logger.LogWarning("clamd at {Endpoint} is unreachable: {Error}", Endpoint, ex.Message);
            return null;
        }
    }

    /// <summary>
    /// One INSTREAM conversation: each piece goes out as chunks of at most 256 KiB behind their big-endian length, the
    /// length and the chunk gathered into one send (two sends per chunk doubled the system calls of a large upload);
    /// <see cref="CompleteAsync"/> sends the zero-length end and reads the verdict. More than <c>ScanMaxBytes</c> is
    /// not sent at all and counts as a detection, like clamd's own limit.
    /// </summary>
    internal sealed class InStream(TcpClient client, long maxBytes, Uri endpoint, ILogger logger) : IAsyncDisposable
    {
        private readonly NetworkStream network = client.GetStream();
        private readonly byte[] header = new byte[4];
        private readonly ArraySegment<byte>[] gather = new ArraySegment<byte>[2];
        private long sent;
        private bool overLimit;
        private string? broken;

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> piece, CancellationToken ct)
        {
            if (overLimit || broken is not null) return;
            if (sent + piece.Length > maxBytes)
            {
                overLimit = true;
                return;
            }
            try
            {
                for (var offset = 0; offset < piece.Length; offset += ChunkSize)
                {
                    var chunk = piece.Slice(offset, Math.Min(ChunkSize, piece.Length - offset));
                    BinaryPrimitives.WriteUInt32BigEndian(header, (uint)chunk.Length);
                    await SendAsync(MemoryMarshal.TryGetArray(chunk, out var segment) ? segment : new ArraySegment<byte>(chunk.ToArray()), ct);
                }
                sent += piece.Length;
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                // A send given up because the upload was (the connection is closed to stop it) is that, not clamd's failure.
                ct.ThrowIfCancellationRequested();
                // clamd closes the connection when the stream passes its StreamMaxLength; its answer says why.
                broken = ex.Message;
            }
        }

        /// <summary>The length and the chunk in one gathered send, continued until every byte is out.</summary>
        private async Task SendAsync(ArraySegment<byte> chunk, CancellationToken ct)
        {
            // A gathered send takes no token: closing the connection is what stops it when the upload is given up.
            await using var stop = ct.Register(static c => ((TcpClient)c!).Dispose(), client);
            ct.ThrowIfCancellationRequested();
            gather[0] = new ArraySegment<byte>(header);
            gather[1] = chunk;
            var total = header.Length + chunk.Count;
            var done = await client.Client.SendAsync(gather, SocketFlags.None);
            if (done < total)
            {
                // A stream socket sends all of it unless it fails; should the kernel take less, the rest follows.
                var rest = new byte[total - done];
                var fromHeader = Math.Max(0, header.Length - done);
                header.AsSpan(header.Length - fromHeader).CopyTo(rest);
                chunk.AsSpan(Math.Max(0, done - header.Length)).CopyTo(rest.AsSpan(fromHeader));
                await network.WriteAsync(rest, ct);
            }
        }

        public async Task<ScanResult> CompleteAsync(CancellationToken ct)
        {
            if (overLimit) return ScanResult.Infected(LimitExceeded);
            try
            {
                if (broken is null) await network.WriteAsync(new byte[4], ct);
            }
            catch (IOException)
            {
            }
            try
            {
                return Interpret(await ReadReplyAsync(network, ct));
            }
            catch (Exception ex) when (ex is IOException or SocketException)
            {
                logger.LogWarning("clamd at {Endpoint} failed during a scan: {Error}", endpoint, broken ?? ex.Message);
                return ScanResult.Unavailable(broken ?? ex.Message);
            }
        }

        public ValueTask DisposeAsync()
        {
            client.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    internal static ScanResult Interpret(string reply)
    {
        reply = reply.TrimEnd('\0', '\n', ' ');
        if (reply.Contains("size limit exceeded", StringComparison.OrdinalIgnoreCase)) return ScanResult.Infected(LimitExceeded);
        if (reply.EndsWith(" FOUND", StringComparison.Ordinal))
        {
            // "stream: Name FOUND", or "/the/path: Name FOUND" for a scan by path (a path may hold a colon; a name has no ": ").
            var start = reply.LastIndexOf(": ", StringComparison.Ordinal);
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
