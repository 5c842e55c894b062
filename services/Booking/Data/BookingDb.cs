using Microsoft.EntityFrameworkCore;
using Municipal.ServiceDefaults.Data;

namespace Municipal.Booking.Data;

public sealed class BookingDb(DbContextOptions<BookingDb> options) : ServiceDbContext(options)
{
    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}
