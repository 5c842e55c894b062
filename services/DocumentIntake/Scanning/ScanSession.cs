using Municipal.DocumentIntake.Telemetry;

namespace Municipal.DocumentIntake.Scanning;

/// <summary>
/// A scan fed while a file arrives (<see cref="ClamAvScanner.StartAsync"/>). Each piece is handed on in the
/// background, so receiving the next piece does not wait for clamd to take this one; one piece is in flight at a
/// time, and the caller keeps its buffer untouched until the next <see cref="WriteAsync"/> returns.
/// </summary>
public sealed class ScanSession : IAsyncDisposable
{
    private readonly ClamAvScanner.InStream stream;
    private readonly DocumentMetrics metrics;
    private Task inFlight = Task.CompletedTask;

    internal ScanSession(ClamAvScanner.InStream stream, DocumentMetrics metrics) => (this.stream, this.metrics) = (stream, metrics);

    /// <summary>Waits for the previous piece to be handed on, then starts handing on this one.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> piece, CancellationToken ct)
    {
        await inFlight;
        inFlight = stream.WriteAsync(piece, ct).AsTask();
    }

    /// <summary>Ends the stream and reads clamd's verdict.</summary>
    public async Task<ScanResult> CompleteAsync(CancellationToken ct)
    {
        await inFlight;
        var result = await stream.CompleteAsync(ct);
        metrics.Scanned(result);
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await inFlight;
        }
        catch (Exception)
        {
            // Given up on (the upload failed): nothing waits for this scan any more.
        }
        await stream.DisposeAsync();
    }
}
