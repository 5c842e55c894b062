using Microsoft.Extensions.Options;
using Municipal.Booking.Appointments;
using Municipal.Booking.Data;
using Municipal.Booking.Mail;
using Municipal.Booking.Slots;
using Municipal.Booking.Telemetry;

namespace Municipal.Booking.Apis;

/// <summary>What booking and moving an appointment need, bound as one <c>[AsParameters]</c> argument (as dotnet/eShop does).</summary>
public sealed record AppointmentServices(
    BookingDb Db,
    SlotService Slots,
    AppointmentBooker Booker,
    ResidentTokens Tokens,
    LinkSeal Seal,
    TimeProvider Time,
    IOptions<BookingOptions> Options,
    IConfiguration Configuration,
    BookingMetrics Metrics);
