namespace Municipal.Booking.Apis;

public static class BookingApi
{
    public static IEndpointRouteBuilder MapBookingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/booking");
        api.MapConcernsApi();
        api.MapAppointmentsApi();
        api.MapLinkResendApi();
        api.MapQueueApi();
        api.MapAdminApi();
        api.MapStatisticsApi();
        return app;
    }
}
