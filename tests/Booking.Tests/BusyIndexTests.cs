using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Booking.Appointments;
using Municipal.Testing;
using Npgsql;

namespace Municipal.Booking.Tests;

/// <summary>
/// Whether clerks are busy in a time range is asked on every booking and every computation of free slots. Asked as two
/// comparisons of start and end, Postgres read every appointment ever booked (issue 18); asked as the range overlap the
/// exclusion constraint uses, an index on the range answers it (migration 0011's or the constraint's), however long the history grows.
/// </summary>
public class BusyIndexTests(BookingFactory factory) : IClassFixture<BookingFactory>
{
    [Fact]
    public async Task A_years_history_of_appointments_is_not_read_to_find_who_is_busy_at_one_time()
    {
        var resident = factory.CreateClient();
        await using var db = NpgsqlDataSource.Create(factory.Database.ConnectionString);
        var staff = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToArray();
        // A year of a department's past appointments, 40 clerks with one every half hour on weekdays' mornings.
        await using (var history = db.CreateCommand("""
            INSERT INTO appointments (id, concern_key, department_key, staff_id, start_at, end_at, blocked_until, citizen_name, email,
                                      language, status, join_token_hash, join_token_expires_at, booked_at)
            SELECT gen_random_uuid(), 'move', 'residents-office', s, t, t + interval '20 minutes', t + interval '20 minutes', 'Past', 'past@example.org',
                   'de', 'booked', md5(random()::text), t + interval '2 hours', t - interval '7 days'
            FROM unnest($1::uuid[]) AS s,
                 generate_series(timestamptz '2026-01-05 08:00+00', timestamptz '2026-12-31 08:00+00', interval '1 day') AS d,
                 generate_series(0, 3) AS h,
                 LATERAL (SELECT d + h * interval '30 minutes' AS t) AS slot
            WHERE extract(isodow FROM d) < 6
            """))
        {
            history.Parameters.Add(new() { Value = staff });
            Assert.True(await history.ExecuteNonQueryAsync() > 40_000);
        }
        await using (var analyze = db.CreateCommand("ANALYZE appointments")) await analyze.ExecuteNonQueryAsync();

        var slot = new DateTimeOffset(2026, 6, 10, 8, 30, 0, TimeSpan.Zero);
        var queries = new (string Sql, DateTimeOffset From, DateTimeOffset Until)[]
        {
            // Whether every clerk is taken at one slot (a booking), and the appointments of a window of days (free slots).
            ($"SELECT count(DISTINCT staff_id) FROM appointments WHERE {AppointmentBooker.BusyBetween("$1", "$2")} AND staff_id = ANY($3)",
                slot, slot.AddMinutes(20)),
            ($"SELECT staff_id, start_at, blocked_until FROM appointments WHERE {AppointmentBooker.BusyBetween("$1", "$2")} AND staff_id = ANY($3) AND id <> $4",
                slot.AddDays(-1), slot.AddDays(9)),
        };
        foreach (var (sql, from, until) in queries)
        {
            await using var explain = db.CreateCommand($"EXPLAIN (ANALYZE, FORMAT JSON) {sql}");
            explain.Parameters.Add(new() { Value = from });
            explain.Parameters.Add(new() { Value = until });
            explain.Parameters.Add(new() { Value = staff });
            if (sql.Contains("$4", StringComparison.Ordinal)) explain.Parameters.Add(new() { Value = Guid.Empty });
            var plan = (string)(await explain.ExecuteScalarAsync())!;
            // The range index, or the exclusion constraint's, which holds the same range after the clerk: Postgres picks
            // by its statistics. Either answers the overlap; what must not happen is reading the table.
            Assert.True(plan.Contains("ix_appointments_busy", StringComparison.Ordinal) || plan.Contains("appointments_staff_no_overlap", StringComparison.Ordinal), plan);
            Assert.DoesNotContain("Seq Scan", plan);
        }

        // And the service answers from it: the clerks busy at the time are known, a booking lands on a free one.
        var slots = await resident.GetFromJsonAsync<JsonElement>("/api/booking/concerns/move/slots?from=2027-03-02&to=2027-03-02");
        var first = slots.GetProperty("slots")[0].GetProperty("start").GetDateTimeOffset();
        Assert.Equal(HttpStatusCode.Created, (await resident.Book("move", first, Mailbox.UniqueAddress())).StatusCode);
    }
}
