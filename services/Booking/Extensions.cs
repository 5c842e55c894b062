using Municipal.Booking.Data;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Data;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.Booking;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddStaffAuthentication();
        builder.AddServiceDatabase<BookingDb>("bookingdb");
        builder.AddMessaging<BookingDb>("booking");
    }
}
