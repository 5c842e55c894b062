using Municipal.ServiceDefaults;
using Municipal.Booking;
using Municipal.Booking.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapBookingApi();

app.Run();

public partial class Program;
