using Npgsql;

namespace Municipal.Booking.Slots;

/// <summary>
/// Listens on Postgres' <c>booking_calendar_changed</c> channel (migration 0009's triggers notify it when departments,
/// concerns, hours, closures or staff skills change, whoever writes them) and drops <see cref="CalendarCache"/>'s copy,
/// so every replica serves the new calendar; and on <c>booking_appointments_changed</c> (migration 0010: a booking,
/// cancellation, move or no-show) to drop <see cref="FreeSlotCache"/>'s. A lost connection stops the caching until
/// listening again.
/// </summary>
public sealed class CalendarChangeListener(CalendarCache cache, FreeSlotCache freeSlots, IConfiguration configuration,
    ILogger<CalendarChangeListener> logger) : BackgroundService
{
    public const string Channel = "booking_calendar_changed";
    public const string AppointmentsChannel = "booking_appointments_changed";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString("bookingdb")
            ?? throw new InvalidOperationException("ConnectionStrings:bookingdb is not configured.");
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Keepalive makes a silently dead connection surface as an error instead of a wait without end.
                var builder = new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 5, Pooling = false };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Notification += (_, e) =>
                {
                    if (e.Channel == AppointmentsChannel) freeSlots.ChangeHeard();
                    else cache.Invalidate();
                };
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}; LISTEN {AppointmentsChannel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                // From here on every change is heard: whatever was loaded before is dropped, keeping may begin.
                cache.SetListening(true);
                freeSlots.SetListening(true);
                delay = TimeSpan.FromMilliseconds(250);
                while (true) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                cache.SetListening(false);
                freeSlots.SetListening(false);
                logger.LogWarning(ex, "Not listening for calendar changes; the calendar is read afresh until back ({Delay})", delay);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
        cache.SetListening(false);
        freeSlots.SetListening(false);
    }
}
