namespace Municipal.Booking.Apis;

public static class BookingApi
{
    public static IEndpointRouteBuilder MapBookingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/booking");
        api.MapGet("/ping", () => TypedResults.Ok(new { service = "booking" })).AllowAnonymous();
        return app;
    }
}
