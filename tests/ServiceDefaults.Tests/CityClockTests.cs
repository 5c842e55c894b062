using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Municipal.Testing;

namespace Municipal.ServiceDefaults.Tests;

/// <summary>The one reading of <c>City:TimeZone</c> every service uses (issue 15 item 3).</summary>
public sealed class CityClockTests
{
    private static IConfiguration City(string? zone) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["City:TimeZone"] = zone }).Build();

    [Fact]
    public void Today_is_the_date_at_the_configured_city_not_in_Zurich()
    {
        // 03:30 UTC on 2 March: still 1 March in New York, already 2 March in Zurich.
        var clock = new TestClock(new DateTimeOffset(2026, 3, 2, 3, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 3, 1), new CityClock(clock, City("America/New_York")).Today);
        Assert.Equal(new DateOnly(2026, 3, 2), new CityClock(clock, City(null)).Today);
        Assert.Equal(-5, new CityClock(clock, City("America/New_York")).Local(clock.GetUtcNow()).Offset.TotalHours);
    }

    [Theory]
    [InlineData(null, "Europe/Zurich")]
    [InlineData("", "Europe/Zurich")]
    [InlineData(" Europe/London ", "Europe/London")]
    public void The_zone_defaults_to_Zurich(string? configured, string expected) =>
        Assert.Equal(expected, CityClock.ZoneId(City(configured)));

    [Fact]
    public void Every_service_gets_it_from_the_defaults()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["City:TimeZone"] = "Europe/London";
        builder.Services.AddSingleton<TimeProvider>(new TestClock(new DateTimeOffset(2026, 7, 1, 23, 30, 0, TimeSpan.Zero)));
        builder.AddServiceDefaults();
        using var host = builder.Build();

        Assert.Equal(new DateOnly(2026, 7, 2), host.Services.GetRequiredService<CityClock>().Today);
    }
}
