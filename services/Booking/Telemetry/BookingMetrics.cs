using System.Diagnostics.Metrics;
using Municipal.Booking.Model;

namespace Municipal.Booking.Telemetry;

/// <summary>
/// Booking's instruments on the shared "Municipal" meter: appointments booked, walk-in waiting times and
/// no-shows, each tagged with the department (and concern) so operators can split them.
/// </summary>
public sealed class BookingMetrics
{
    private readonly Counter<long> bookings;
    private readonly Counter<long> noShows;
    private readonly Histogram<double> waitTime;

    public BookingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ServiceDefaults.Telemetry.SourceName);
        bookings = meter.CreateCounter<long>("municipal.bookings", "{appointment}", "Appointments booked.");
        noShows = meter.CreateCounter<long>("municipal.no_shows", "{resident}", "Residents who never entered the room: called from the queue (kind=ticket) or booked (kind=appointment).");
        waitTime = meter.CreateHistogram<double>("municipal.queue.wait_time", "s", "Time a walk-in resident waited until a clerk called them.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [30, 60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200] });
    }

    public void Booked(Appointment appointment) =>
        bookings.Add(1, new("concern", appointment.ConcernKey), new("department", appointment.DepartmentKey));

    public void Called(QueueTicket ticket, DateTimeOffset calledAt) =>
        waitTime.Record(Math.Max(0, (calledAt - ticket.IssuedAt).TotalSeconds), new KeyValuePair<string, object?>("department", ticket.DepartmentKey));

    public void NoShow(Appointment appointment) =>
        noShows.Add(1, new("concern", appointment.ConcernKey), new("department", appointment.DepartmentKey), new("kind", "appointment"));

    public void Missed(QueueTicket ticket) =>
        noShows.Add(1, new("concern", ticket.ConcernKey), new("department", ticket.DepartmentKey), new("kind", "ticket"));
}
