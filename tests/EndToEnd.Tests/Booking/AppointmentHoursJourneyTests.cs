using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Booking;

/// <summary>
/// Issue 16, item 8 in Chromium (Winterthur: the live counter on two days, appointments outside them): the admin
/// sets a department's live hours and its appointment hours apart on the hours page, and a resident on a phone finds
/// the counter closed but books among slots outside the live hours.
/// </summary>
public sealed class AppointmentHoursJourneyTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task Admin_sets_live_and_appointment_hours_apart_and_a_resident_books_outside_the_live_hours()
    {
        await using var adminParty = await browser.NewPartyAsync(Browser.Desktop);
        var desk = await TestDesks.CreateAsync(adminParty, "e2e-winterthur", closedToday: false);
        // Days relative to today (the desk keeps UTC), so the test does not depend on the weekday it runs on: the live
        // counter opens in three and four days only; appointments can be had on every other day.
        var today = (int)DateTime.UtcNow.DayOfWeek;
        int[] liveDays = [(today + 3) % 7, (today + 4) % 7];

        var admin = await adminParty.NewPageAsync();
        await admin.GotoAsync("/agent/admin-booking.html");
        var live = admin.Locator($"form[data-hours='{desk.DepartmentKey}-live']");
        var appointments = admin.Locator($"form[data-hours='{desk.DepartmentKey}-appointments']");
        await Assertions.Expect(live.Locator($"#h-{desk.DepartmentKey}-1")).ToHaveValueAsync("00:00-23:59", new() { Timeout = 15000 });
        await Assertions.Expect(appointments.Locator($"#a-{desk.DepartmentKey}-1")).ToHaveValueAsync("00:00-23:59");

        for (var day = 0; day < 7; day++)
        {
            await live.Locator($"#h-{desk.DepartmentKey}-{day}").FillAsync(liveDays.Contains(day) ? "08:00-12:00, 13:30-17:00" : "");
            await appointments.Locator($"#a-{desk.DepartmentKey}-{day}").FillAsync(liveDays.Contains(day) ? "" : "00:00-23:59");
        }
        await live.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(live.Locator(".form-result")).ToHaveTextAsync("Gespeichert.");

        // A range that closes before it opens is refused, and the page says so next to that day.
        var wrongDay = (today + 1) % 7;
        await appointments.Locator($"#a-{desk.DepartmentKey}-{wrongDay}").FillAsync("17:00-13:30");
        await appointments.GetByRole(AriaRole.Button).ClickAsync();
        var invalid = appointments.Locator($"#a-{desk.DepartmentKey}-{wrongDay}");
        await Assertions.Expect(invalid).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(appointments.Locator($"#a-{desk.DepartmentKey}-{wrongDay}-error")).ToBeVisibleAsync();
        // Beside the form's button too, naming the day (the page's one status line at its top said nothing of it).
        var dayName = new System.Globalization.CultureInfo("de-DE").DateTimeFormat.DayNames[wrongDay];
        await Assertions.Expect(appointments.Locator(".form-result")).ToHaveTextAsync($"Nicht gespeichert. Bitte prüfen: {dayName}.");
        await Assertions.Expect(invalid).ToBeFocusedAsync();
        await Browser.AssertAccessibleAsync(admin);
        await invalid.FillAsync("00:00-23:59");
        await appointments.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(appointments.Locator(".form-result")).ToHaveTextAsync("Gespeichert.");
        // What was saved is what the page shows after loading again.
        await admin.ReloadAsync();
        await Assertions.Expect(admin.Locator($"#h-{desk.DepartmentKey}-{liveDays[0]}")).ToHaveValueAsync("08:00-12:00, 13:30-17:00", new() { Timeout = 15000 });
        await Assertions.Expect(admin.Locator($"#h-{desk.DepartmentKey}-{today}")).ToHaveValueAsync("");
        await Assertions.Expect(admin.Locator($"#a-{desk.DepartmentKey}-{today}")).ToHaveValueAsync("00:00-23:59");
        await Assertions.Expect(admin.Locator($"#a-{desk.DepartmentKey}-{liveDays[1]}")).ToHaveValueAsync("");
        await admin.Locator($"form[data-hours='{desk.DepartmentKey}-live']").ScrollIntoViewIfNeededAsync();
        await Browser.AssertAccessibleAsync(admin);
        await Browser.ScreenshotAsync(admin, "hours-01-admin-live-and-appointments");

        await using var residentParty = await browser.NewPartyAsync(Browser.Phone);
        var resident = await residentParty.NewPageAsync();
        // "Talk to us now" is closed today; the page offers appointments instead, which lie outside the live hours.
        await resident.GotoAsync($"/queue.html?concern={desk.ConcernKey}");
        await Assertions.Expect(resident.Locator("#closed")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Assertions.Expect(resident.Locator("#offers a").First).ToBeVisibleAsync();

        await resident.GotoAsync($"/book.html?concern={desk.ConcernKey}");
        var slots = resident.Locator("#slots button[data-start]");
        await Assertions.Expect(slots.First).ToBeVisibleAsync(new() { Timeout = 15000 });
        var starts = (await slots.EvaluateAllAsync<string[]>("buttons => buttons.map(b => b.dataset.start)"))
            .Select(s => DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime).ToList();
        Assert.NotEmpty(starts);
        Assert.DoesNotContain(starts, s => liveDays.Contains((int)s.DayOfWeek));
        await Browser.AssertAccessibleAsync(resident);
        await Browser.ScreenshotAsync(resident, "hours-02-resident-slots-outside-live-hours-phone");

        // The start page names both: the live counter's hours and, since they differ, the appointment hours.
        await resident.GotoAsync("/");
        var section = resident.Locator("#departments section").Filter(new() { Has = resident.Locator($"a[href='/book.html?concern={desk.ConcernKey}']") });
        await Assertions.Expect(section.GetByText("Zeiten für Termine")).ToBeVisibleAsync(new() { Timeout = 15000 });
        await Assertions.Expect(section.Locator(".badge.closed")).ToBeVisibleAsync();
        await Assertions.Expect(section.Locator($"a[href='/queue.html?concern={desk.ConcernKey}']")).ToHaveCountAsync(0);
        await section.ScrollIntoViewIfNeededAsync();
        await Browser.AssertAccessibleAsync(resident);
        await Browser.ScreenshotAsync(resident, "hours-03-home-appointment-hours-phone");
    }
}
