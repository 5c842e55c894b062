using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Booking.Data;

namespace Municipal.Booking.Tests;

/// <summary>The booking service with a <see cref="CalendarReadCounter"/> on its database context.</summary>
public sealed class CountingBookingFactory : BookingFactory
{
    public CalendarReadCounter CalendarReads { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureDbContext<BookingDb>(options => options.AddInterceptors(CalendarReads)));
    }
}
