using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Municipal.ServiceDefaults.Auth;
using Municipal.Testing;

namespace Municipal.Booking.Tests;

/// <summary>
/// Booking in-process on real Postgres, RabbitMQ, Redis and SMTP, with the clock set to a Monday morning
/// when the demo city's offices are open (2027-03-01 09:00 in Zurich).
/// </summary>
public class BookingFactory : ServiceFactory<Program>
{
    public static readonly DateTimeOffset MondayNine = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

    // The development accounts the demo city seeds skills for (the gateway's fixed ids).
    public static readonly StaffIdentity ClerkResidents = new(Guid.Parse("00000000-0000-0000-0000-00000000a003"), "clerk.residents", [StaffRoles.Clerk], ["residents-office"], []);
    public static readonly StaffIdentity ClerkSecond = new(Guid.Parse("00000000-0000-0000-0000-00000000a005"), "clerk.second", [StaffRoles.Clerk], ["residents-office"], []);
    public static readonly StaffIdentity ClerkTax = new(Guid.Parse("00000000-0000-0000-0000-00000000a004"), "clerk.tax", [StaffRoles.Clerk], ["tax-office"], []);

    private readonly BookingFactory? previous;

    public BookingFactory() : base("bookingdb") { }

    private BookingFactory(BookingFactory previous) : base("bookingdb")
    {
        this.previous = previous;
        Clock = previous.Clock;
    }

    /// <summary>A second start of the service on the first one's database and Redis keys (a restart).</summary>
    public static BookingFactory RestartOf(BookingFactory previous) => new(previous);

    public TestClock Clock { get; } = new(MondayNine);

    protected override IEnumerable<KeyValuePair<string, string>> Configure()
    {
        yield return new("Booking:ReminderPollInterval", "00:00:01");
        yield return new("Booking:MissedPollInterval", "00:00:01");
        yield return new("Booking:MissedAfter", "00:01:00");
        yield return new("Booking:DueEarly", "00:30:00");
        if (previous is not null)
        {
            yield return new("ConnectionStrings:bookingdb", previous.Database.ConnectionString);
            yield return new("Redis:KeyPrefix", previous.RedisPrefix);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
