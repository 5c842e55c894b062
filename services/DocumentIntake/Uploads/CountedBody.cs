using Microsoft.AspNetCore.Http.HttpResults;
using Municipal.DocumentIntake.Submissions;

namespace Municipal.DocumentIntake.Uploads;

/// <summary>
/// The request body, counting what was read of it: an upload refused after it arrived was received and scanned all
/// the same, and is charged for what was read (<see cref="LinkAllowance"/>, the kiosk's quotas).
/// </summary>
public sealed class CountedBody(Stream inner) : Stream
{
    public long BytesRead { get; private set; }

    /// <summary>
    /// Receives a hand-in with the body counted: what was read of one refused (any answer but 201), or of a request
    /// broken off, is charged (<paramref name="charge"/>: the link's allowance, the kiosk's hour).
    /// </summary>
    public static async Task<Results<Created<SubmissionResult>, ProblemHttpResult>> ChargingRefusalsAsync(HttpRequest request,
        Func<Task<Results<Created<SubmissionResult>, ProblemHttpResult>>> receive, Func<long, CancellationToken, Task> charge, CancellationToken ct)
    {
        var body = Around(request);
        Results<Created<SubmissionResult>, ProblemHttpResult> result;
        try
        {
            result = await receive();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            if (body.BytesRead > 0) await charge(body.BytesRead, CancellationToken.None);
            throw;
        }
        if (result.Result is not Created<SubmissionResult> && body.BytesRead > 0) await charge(body.BytesRead, ct);
        return result;
    }

    /// <summary>Puts a counting body in place of the request's.</summary>
    public static CountedBody Around(HttpRequest request)
    {
        var counted = new CountedBody(request.Body);
        request.Body = counted;
        return counted;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        BytesRead += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        BytesRead += read;
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
