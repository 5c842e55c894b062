using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Booking.Data;
using Municipal.Booking.Slots;
using Municipal.Testing;
using Npgsql;

namespace Municipal.Booking.Tests;

/// <summary>
/// The calendar (concerns, departments, hours, closures, staff) is kept in memory on each replica and read from the
/// database only after a change; slots stay exact after a booking, after an admin's change on either replica and
/// after a change made in the database by hand.
/// </summary>
public class CalendarCacheTests(CountingBookingFactory factory) : IClassFixture<CountingBookingFactory>
{
    private static readonly DateOnly Tuesday = new(2027, 3, 2);
    private static readonly TimeSpan NotifyWithin = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Slot_requests_and_the_catalogue_do_not_read_the_calendar_again_until_it_changes()
    {
        var resident = factory.CreateClient();
        await SlotsAsync(resident, "move", Tuesday);
        (await resident.GetAsync("/api/booking/concerns")).EnsureSuccessStatusCode();
        var before = factory.CalendarReads.Count;
        for (var i = 0; i < 20; i++)
        {
            await SlotsAsync(resident, "move", Tuesday);
            (await resident.GetAsync("/api/booking/concerns")).EnsureSuccessStatusCode();
            (await resident.GetAsync("/api/booking/concerns/move")).EnsureSuccessStatusCode();
        }
        // 60 requests; uncached each read the calendar (5 queries a slot request, 4 the catalogue). A background job
        // may read a concern meanwhile, so a little slack, none per request.
        Assert.InRange(factory.CalendarReads.Count - before, 0, 3);

        var admin = factory.CreateStaffClient(Staff.Admin());
        (await admin.PostAsJsonAsync("/api/booking/admin/closures", new { departmentKey = "residents-office", date = "2027-03-03", reasonDe = "Umzug", reasonEn = "Moving" }))
            .EnsureSuccessStatusCode();
        var afterChange = factory.CalendarReads.Count;
        Assert.Empty(await SlotsAsync(resident, "move", new DateOnly(2027, 3, 3)));
        Assert.True(factory.CalendarReads.Count > afterChange, "the change must make the next request read the calendar again");
    }

    [Fact]
    public async Task Slots_stay_exact_on_two_replicas_after_a_booking_an_admin_change_on_either_and_a_change_by_hand()
    {
        var admin = factory.CreateStaffClient(Staff.Admin());
        await ConcernWithOneClerkAsync(admin, "cache-check", "Clara Cache");

        var second = BookingFactory.RestartOf(factory);
        await ((IAsyncLifetime)second).InitializeAsync();
        try
        {
            var a = factory.CreateClient();
            var b = second.CreateClient();
            var slots = await SlotsAsync(a, "cache-check", Tuesday);
            Assert.NotEmpty(slots);
            Assert.Equal(slots, await SlotsAsync(b, "cache-check", Tuesday));

            // A booking on one replica: the slot is gone there at once, on the other as soon as Postgres tells it.
            Assert.Equal(HttpStatusCode.Created, (await a.Book("cache-check", slots[0], Mailbox.UniqueAddress())).StatusCode);
            Assert.DoesNotContain(slots[0], await SlotsAsync(a, "cache-check", Tuesday));
            await EventuallyAsync(async () => !(await SlotsAsync(b, "cache-check", Tuesday)).Contains(slots[0]));
            var taken = await b.Book("cache-check", slots[0], Mailbox.UniqueAddress());
            Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
            Assert.NotEmpty((await taken.Json()).GetProperty("nextSlots").EnumerateArray());

            // The admin closes Tuesday on replica A, cancelling its appointment: A knows at once, B as soon as Postgres tells it.
            var closure = await (await admin.PostAsJsonAsync("/api/booking/admin/closures", new
            {
                departmentKey = "residents-office", date = "2027-03-02", reasonDe = "Betriebsausflug", reasonEn = "Staff outing", cancelAppointments = true,
            })).Json();
            Assert.Empty(await SlotsAsync(a, "cache-check", Tuesday));
            await EventuallyAsync(async () => (await SlotsAsync(b, "cache-check", Tuesday)).Count == 0);
            Assert.Equal(HttpStatusCode.BadRequest, (await b.Book("cache-check", slots[1], Mailbox.UniqueAddress())).StatusCode);

            // Reopened (a delete that EF sends without change tracking): A at once, B soon; the cancelled appointment's
            // time is free again.
            (await admin.DeleteAsync($"/api/booking/admin/closures/{closure.GetProperty("id").GetInt32()}")).EnsureSuccessStatusCode();
            Assert.Equal(slots, await SlotsAsync(a, "cache-check", Tuesday));
            await EventuallyAsync(async () => (await SlotsAsync(b, "cache-check", Tuesday)).SequenceEqual(slots));

            // Appointment hours changed on replica B: B at once, A soon.
            var adminB = second.CreateStaffClient(Staff.Admin());
            (await adminB.PutAsJsonAsync("/api/booking/admin/departments/residents-office/appointment-hours?keepAppointments=true",
                new[] { new { day = 2, opens = "10:00", closes = "11:00" } })).EnsureSuccessStatusCode();
            var tenToEleven = new[] { At(Tuesday, 10, 0), At(Tuesday, 10, 30) };
            Assert.Equal(tenToEleven, await SlotsAsync(b, "cache-check", Tuesday));
            await EventuallyAsync(async () => (await SlotsAsync(a, "cache-check", Tuesday)).SequenceEqual(tenToEleven));

            // A second clerk added by hand in the database (no EF, no admin API): both replicas hear of it.
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
                await db.Database.ExecuteSqlAsync($"INSERT INTO staff_skills (staff_id, concern_key, staff_name, department_key) VALUES ({Guid.NewGuid()}, 'cache-check', 'Hand Hanna', 'residents-office')");
            }
            await EventuallyAsync(async () => (await FreeAsync(a, "cache-check", Tuesday)).All(f => f == 2));
            await EventuallyAsync(async () => (await FreeAsync(b, "cache-check", Tuesday)).All(f => f == 2));
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
        }
    }

    [Fact]
    public async Task Free_slots_are_kept_until_an_appointment_changes_on_either_replica_or_by_hand_and_begun_slots_drop_out_as_time_passes()
    {
        var admin = factory.CreateStaffClient(Staff.Admin());
        await ConcernWithOneClerkAsync(admin, "slot-cache", "Sina Slot");
        var wednesday = new DateOnly(2027, 3, 10);
        // Its own hours: another test of this class leaves the office with Tuesday's only.
        await OwnHoursAsync(admin);

        var second = BookingFactory.RestartOf(factory);
        await ((IAsyncLifetime)second).InitializeAsync();
        try
        {
            var a = factory.CreateClient();
            var b = second.CreateClient();
            var slots = await SlotsAsync(a, "slot-cache", wednesday);
            Assert.True(slots.Count >= 4, $"{slots.Count} slots");

            // Asked again and again, the appointments are read once (a background job may read some meanwhile).
            var before = factory.CalendarReads.AppointmentReads;
            for (var i = 0; i < 20; i++) Assert.Equal(slots, await SlotsAsync(a, "slot-cache", wednesday));
            Assert.InRange(factory.CalendarReads.AppointmentReads - before, 0, 2);

            // Booked on B: B at once, A as soon as Postgres tells it.
            Assert.Equal(slots, await SlotsAsync(b, "slot-cache", wednesday));
            var booked = await (await b.Book("slot-cache", slots[1], Mailbox.UniqueAddress())).Json();
            Assert.DoesNotContain(slots[1], await SlotsAsync(b, "slot-cache", wednesday));
            await EventuallyAsync(async () => !(await SlotsAsync(a, "slot-cache", wednesday)).Contains(slots[1]));

            // Cancelled by hand in the database (no EF): both replicas offer it again.
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<BookingDb>();
                await db.Database.ExecuteSqlAsync($"UPDATE appointments SET status = 'cancelled' WHERE id = {booked.GetProperty("appointment").GetProperty("id").GetGuid()}");
            }
            await EventuallyAsync(async () => (await SlotsAsync(a, "slot-cache", wednesday)).SequenceEqual(slots));
            await EventuallyAsync(async () => (await SlotsAsync(b, "slot-cache", wednesday)).SequenceEqual(slots));

            // The day goes on: a kept list loses the slots that have begun, without a change to make it read again.
            var reads = factory.CalendarReads.AppointmentReads;
            var clock = factory.Clock.GetUtcNow();
            try
            {
                factory.Clock.Set(slots[2].AddSeconds(-1));
                Assert.Equal(slots.Skip(2), await SlotsAsync(a, "slot-cache", wednesday));
                // A slot beginning this instant is not offered: it can no longer be booked.
                factory.Clock.Set(slots[2]);
                Assert.Equal(slots.Skip(3), await SlotsAsync(a, "slot-cache", wednesday));
            }
            finally
            {
                factory.Clock.Set(clock);
            }
            Assert.InRange(factory.CalendarReads.AppointmentReads - reads, 0, 1);
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
        }
    }

    [Fact]
    public async Task The_catalogue_carries_an_entity_tag_answers_a_revalidation_with_304_and_changes_with_the_calendar()
    {
        var resident = factory.CreateClient();
        var first = await resident.GetAsync("/api/booking/concerns");
        first.EnsureSuccessStatusCode();
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(first.Headers.CacheControl?.NoCache, "a browser must ask again (opening state and admin changes apply at once)");

        var again = new HttpRequestMessage(HttpMethod.Get, "/api/booking/concerns");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await resident.SendAsync(again)).StatusCode);

        var admin = factory.CreateStaffClient(Staff.Admin());
        (await admin.PutAsJsonAsync("/api/booking/admin/concerns/catalogue-check", new
        {
            departmentKey = "tax-office", nameDe = "Katalogprobe", nameEn = "Catalogue check", durationMinutes = 15, bufferMinutes = 0,
        })).EnsureSuccessStatusCode();
        var changed = new HttpRequestMessage(HttpMethod.Get, "/api/booking/concerns");
        changed.Headers.IfNoneMatch.Add(etag);
        var response = await resident.SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(etag, response.Headers.ETag);
        var catalogue = await response.Json();
        Assert.Contains("catalogue-check", catalogue.EnumerateArray().SelectMany(d => d.GetProperty("concerns").EnumerateArray())
            .Select(c => c.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task A_booking_of_a_slot_the_kept_list_shows_free_skips_the_read_that_refuses_a_slot_already_gone()
    {
        var admin = factory.CreateStaffClient(Staff.Admin());
        await ConcernWithOneClerkAsync(admin, "kept-free", "Kim Kept");
        var wednesday = new DateOnly(2027, 3, 17);
        await OwnHoursAsync(admin);
        var client = factory.CreateClient();

        // Nothing kept for the day: the attempt is checked first.
        var checks = factory.CalendarReads.TakenChecks;
        var unlisted = (await SlotsAsync(client, "kept-free", wednesday.AddDays(-7)))[0];
        FreeSlots().Invalidate();
        var heard = FreeSlots().ChangesHeard;
        Assert.Equal(HttpStatusCode.Created, (await client.Book("kept-free", unlisted, Mailbox.UniqueAddress())).StatusCode);
        Assert.Equal(checks + 1, factory.CalendarReads.TakenChecks);
        // Postgres' notice of that booking drops the kept lists whenever it comes: it must not come after the next list.
        await EventuallyAsync(() => Task.FromResult(FreeSlots().ChangesHeard > heard));

        // Listed as free a moment ago: booked without that read.
        var slots = await SlotsAsync(client, "kept-free", wednesday);
        checks = factory.CalendarReads.TakenChecks;
        Assert.Equal(HttpStatusCode.Created, (await client.Book("kept-free", slots[0], Mailbox.UniqueAddress())).StatusCode);
        Assert.Equal(checks, factory.CalendarReads.TakenChecks);

        // Gone (the one clerk holds it): the list no longer shows it, and the next attempt is refused from that read.
        Assert.DoesNotContain(slots[0], await SlotsAsync(client, "kept-free", wednesday));
        var refused = await client.Book("kept-free", slots[0], Mailbox.UniqueAddress());
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(checks + 1, factory.CalendarReads.TakenChecks);
    }

    /// <summary>
    /// Another replica books a time this one's kept list shows free, and its notice is late (here it never comes: the
    /// write is made with triggers off). The refusal itself shows the list is behind: the times offered instead leave
    /// the lost one out, and so does the next list, without waiting for the notice. Other tests write appointments
    /// meanwhile, and their notices drop the kept list too: a try in which one came first proves nothing and is made
    /// again a week later.
    /// </summary>
    [Fact]
    public async Task A_refusal_of_a_time_the_kept_list_shows_free_drops_the_list_before_the_notice_comes()
    {
        var admin = factory.CreateStaffClient(Staff.Admin());
        var clerk = await ConcernWithOneClerkAsync(admin, "late-notice", "Lena Late");
        await OwnHoursAsync(admin);
        var client = factory.CreateClient();
        var connectionString = factory.Services.GetRequiredService<IConfiguration>().GetConnectionString("bookingdb");

        for (var week = 0; week < 10; week++)
        {
            var wednesday = new DateOnly(2027, 3, 24).AddDays(7 * week);
            var slots = await SlotsAsync(client, "late-notice", wednesday);
            Assert.True(slots.Count >= 3, $"{slots.Count} slots");
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var insert = new NpgsqlCommand("""
                    SET session_replication_role = replica;
                    INSERT INTO appointments (id, concern_key, department_key, staff_id, start_at, end_at, blocked_until, citizen_name, email,
                        language, status, join_token_hash, join_token_expires_at, booked_at)
                    VALUES (gen_random_uuid(), 'late-notice', 'residents-office', @staff, @start, @start + interval '30 minutes',
                        @start + interval '30 minutes', 'Otto Other', 'otto@example.org', 'de', 'booked', md5(random()::text), @start, now());
                    """, connection);
                insert.Parameters.AddWithValue("staff", clerk);
                insert.Parameters.AddWithValue("start", slots[0]);
                await insert.ExecuteNonQueryAsync();
            }
            // Nothing told this replica of it: it still lists the time (what a late notice looks like) …
            if (!(await SlotsAsync(client, "late-notice", wednesday)).SequenceEqual(slots)) continue;

            var checks = factory.CalendarReads.TakenChecks;
            var refused = await client.Book("late-notice", slots[0], Mailbox.UniqueAddress());
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            // … and the booking trusted that list (no read of the taken clerks first): refused inside its own transaction.
            if (factory.CalendarReads.TakenChecks != checks) continue;

            var offered = (await refused.Json()).GetProperty("nextSlots").EnumerateArray().Select(s => s.GetProperty("start").GetDateTimeOffset()).ToList();
            Assert.Equal(slots[1], offered[0]);
            Assert.DoesNotContain(slots[0], offered);
            Assert.Equal(slots.Skip(1), await SlotsAsync(client, "late-notice", wednesday));
            return;
        }
        Assert.Fail("in ten tries, another test's notice always dropped the kept list first");
    }

    /// <summary>The office's hours these tests count on (another test of this class leaves it with Tuesday's only).</summary>
    private static async Task OwnHoursAsync(HttpClient admin) =>
        (await admin.PutAsJsonAsync("/api/booking/admin/departments/residents-office/appointment-hours?keepAppointments=true", new[]
        {
            new { day = 2, opens = "10:00", closes = "11:00" }, new { day = 3, opens = "08:00", closes = "10:00" },
        })).EnsureSuccessStatusCode();

    private FreeSlotCache FreeSlots() => factory.Services.GetRequiredService<FreeSlotCache>();


    /// <summary>A concern of the residents' office (30 minutes, no buffer) that one new clerk handles.</summary>
    /// <returns>The clerk's id.</returns>
    private static async Task<Guid> ConcernWithOneClerkAsync(HttpClient admin, string key, string clerk)
    {
        var staffId = Guid.NewGuid();
        (await admin.PutAsJsonAsync($"/api/booking/admin/concerns/{key}", new
        {
            departmentKey = "residents-office", nameDe = $"Probe {key}", nameEn = $"Check {key}", durationMinutes = 30, bufferMinutes = 0,
        })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/booking/admin/staff/{staffId}", new
        {
            staffName = clerk, departmentKey = "residents-office", concernKeys = new[] { key },
        })).EnsureSuccessStatusCode();
        return staffId;
    }

    private static DateTimeOffset At(DateOnly day, int hour, int minute) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(1)).ToUniversalTime();

    private static async Task<List<DateTimeOffset>> SlotsAsync(HttpClient client, string concern, DateOnly day) =>
        (await SlotElementsAsync(client, concern, day)).Select(s => s.GetProperty("start").GetDateTimeOffset()).ToList();

    private static async Task<List<int>> FreeAsync(HttpClient client, string concern, DateOnly day) =>
        (await SlotElementsAsync(client, concern, day)).Select(s => s.GetProperty("free").GetInt32()).ToList();

    private static async Task<List<JsonElement>> SlotElementsAsync(HttpClient client, string concern, DateOnly day)
    {
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/booking/concerns/{concern}/slots?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}");
        return body.GetProperty("slots").EnumerateArray().ToList();
    }

    /// <summary>Another replica hears of a change through Postgres' notification, a few milliseconds after the commit.</summary>
    private static Task EventuallyAsync(Func<Task<bool>> condition) =>
        Poll.UntilAsync(condition, NotifyWithin, "the other replica did not see the change in time", every: TimeSpan.FromMilliseconds(20));
}
