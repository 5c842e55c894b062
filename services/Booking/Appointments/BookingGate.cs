using Microsoft.Extensions.Options;

namespace Municipal.Booking.Appointments;

/// <summary>
/// Bounds how many bookings compete for clerks' time at once. A rush on one slot makes inserts wait on each
/// other inside Postgres, each holding a pooled connection; without a bound a few hundred waiting requests
/// drain the pool and the rest fail. Queued here they wait their turn and get their answer (201 or 409).
/// </summary>
public sealed class BookingGate(IOptions<BookingOptions> options)
{
    private readonly SemaphoreSlim slots = new(options.Value.MaxConcurrentBookings);

    public async Task<IDisposable?> EnterAsync(CancellationToken ct) =>
        await slots.WaitAsync(options.Value.BookingQueueTimeout, ct) ? new Lease(slots) : null;

    private sealed class Lease(SemaphoreSlim slots) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) slots.Release();
        }
    }
}
