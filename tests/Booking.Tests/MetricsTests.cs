using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Municipal.Booking.Jobs;
using Municipal.Testing;
using Xunit.Sdk;

namespace Municipal.Booking.Tests;

/// <summary>Booking, the live queue, the missed-ticket and the no-show jobs record their figures on the "Municipal" meter.</summary>
public class MetricsTests
{
    private static readonly DateTimeOffset TuesdayEight = new(2027, 3, 2, 7, 0, 0, TimeSpan.Zero);

    private static long Last(MetricCollector<long> gauge, string department)
    {
        gauge.RecordObservableInstruments();
        return gauge.GetMeasurementSnapshot().Last(m => (string?)m.Tags["department"] == department).Value;
    }

    [Fact]
    public async Task Bookings_queue_length_waiting_time_and_no_shows_are_recorded_by_the_real_flows()
    {
        await using var factory = new BookingFactory();
        await ((IAsyncLifetime)factory).InitializeAsync();
        try
        {
            var meters = factory.Services.GetRequiredService<IMeterFactory>();
            using var bookings = new MetricCollector<long>(meters, "Municipal", "municipal.bookings");
            using var waits = new MetricCollector<double>(meters, "Municipal", "municipal.queue.wait_time");
            using var noShows = new MetricCollector<long>(meters, "Municipal", "municipal.no_shows");
            using var length = new MetricCollector<long>(meters, "Municipal", "municipal.queue.length");
            var resident = factory.CreateClient();

            Assert.Equal(HttpStatusCode.Created, (await resident.Book("move", TuesdayEight, Mailbox.UniqueAddress())).StatusCode);
            var booked = Assert.Single(bookings.GetMeasurementSnapshot());
            Assert.Equal((1L, "move", "residents-office"), (booked.Value, (string)booked.Tags["concern"]!, (string)booked.Tags["department"]!));

            Assert.Equal(0, Last(length, "residents-office"));
            foreach (var name in new[] { "Anna Wait", "Ben Wait" })
            {
                var joined = await resident.PostAsJsonAsync("/api/booking/queue", new { concernKey = "move", name, language = "de" });
                Assert.Equal(HttpStatusCode.Created, joined.StatusCode);
            }
            Assert.Equal(2, Last(length, "residents-office"));
            Assert.Equal(0, Last(length, "tax-office"));

            factory.Clock.Advance(TimeSpan.FromSeconds(90));
            var next = await factory.CreateStaffClient(BookingFactory.ClerkResidents).PostAsync("/api/booking/queue/next", null);
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
            Assert.Equal(1, Last(length, "residents-office"));
            var wait = Assert.Single(waits.GetMeasurementSnapshot());
            Assert.Equal((90.0, "residents-office"), (wait.Value, (string)wait.Tags["department"]!));

            // Nobody enters the room: the called ticket is missed, a no-show.
            factory.Clock.Advance(TimeSpan.FromMinutes(2));
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (noShows.GetMeasurementSnapshot().Count == 0)
            {
                if (DateTime.UtcNow > deadline) throw new XunitException("No no-show was recorded.");
                await Task.Delay(200);
            }
            var missed = Assert.Single(noShows.GetMeasurementSnapshot());
            Assert.Equal((1L, "move", "ticket"), (missed.Value, (string)missed.Tags["concern"]!, (string)missed.Tags["kind"]!));

            // The booked resident never comes either: once the appointment is over it is a no-show too, counted once.
            factory.Clock.Advance(TimeSpan.FromDays(1));
            static bool Appointment(CollectedMeasurement<long> m) => (string?)m.Tags["kind"] == "appointment";
            deadline = DateTime.UtcNow.AddSeconds(20);
            while (!noShows.GetMeasurementSnapshot().Any(Appointment))
            {
                if (DateTime.UtcNow > deadline) throw new XunitException("The missed appointment was not counted.");
                await Task.Delay(200);
            }
            var job = factory.Services.GetServices<IHostedService>().OfType<NoShowJob>().Single();
            Assert.Equal(0, await job.RunOnceAsync(CancellationToken.None));
            var absent = Assert.Single(noShows.GetMeasurementSnapshot(), Appointment);
            Assert.Equal((1L, "move", "residents-office"), (absent.Value, (string)absent.Tags["concern"]!, (string)absent.Tags["department"]!));
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }
}
