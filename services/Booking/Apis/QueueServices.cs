using Microsoft.Extensions.Options;
using Municipal.Booking.Appointments;
using Municipal.Booking.Data;
using Municipal.Booking.Mail;
using Municipal.Booking.Queue;
using Municipal.Booking.Slots;
using Municipal.Booking.Telemetry;

namespace Municipal.Booking.Apis;

/// <summary>What joining the queue and calling the next resident need, bound as one <c>[AsParameters]</c> argument.</summary>
public sealed record QueueServices(
    BookingDb Db,
    SlotService Slots,
    ResidentTokens Tokens,
    QueueStore Queue,
    TimeProvider Time,
    IOptions<BookingOptions> Options,
    IConfiguration Configuration,
    BookingMetrics Metrics,
    LinkSeal Seal,
    LinkResendThrottle MailThrottle,
    CounterPresence Presence);
