using System.Text.Json;
using Microsoft.Playwright;

namespace Municipal.EndToEnd.Tests.Booking;

/// <summary>A department set up for one test: its concern and a clerk who serves it, with the clerk's password.</summary>
public sealed record TestDesk(string DepartmentKey, string ConcernKey, string ClerkUserName, string ClerkPassword);

/// <summary>
/// Departments the queue tests create through the administrators' APIs, so that they do not depend on the
/// wall clock: the demo city's offices open and close during a test run, a test desk is open around the clock
/// (UTC, 00:00–23:59) or closed for the whole of today.
/// </summary>
public static class TestDesks
{
    private const string AdminPassword = "Schalter-2026!";

    public static async Task<TestDesk> CreateAsync(IBrowserContext admin, string key, bool closedToday, string timeZone = "UTC")
    {
        Assert.True((await admin.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { userName = "admin", password = AdminPassword } })).Ok);
        var api = admin.APIRequest;
        await OkAsync(api.PutAsync($"/api/booking/admin/departments/{key}", new()
        {
            DataObject = new { nameDe = "Testschalter", nameEn = "Test desk", timeZone, mailboxEmail = $"{key}@stadt.example", sortOrder = 900 },
        }));
        var allDay = Enum.GetValues<DayOfWeek>().Select(day => new { day = (int)day, opens = "00:00", closes = "23:59" }).ToArray();
        await OkAsync(api.PutAsync($"/api/booking/admin/departments/{key}/opening-hours", new() { DataObject = allDay }));
        await OkAsync(api.PutAsync($"/api/booking/admin/departments/{key}/appointment-hours", new() { DataObject = allDay }));
        var concern = $"{key}-enquiry";
        await OkAsync(api.PutAsync($"/api/booking/admin/concerns/{concern}", new()
        {
            // French and Italian sent empty: a left-out translation is kept, and a second run (the replica stage, on the
            // same database) must find the desk as the first did.
            DataObject = new
            {
                departmentKey = key, nameDe = "Testanliegen", nameEn = "Test concern", nameFr = "", nameIt = "", durationMinutes = 15,
                channels = new[] { "chat", "video" }, sortOrder = 900, documentsFr = Array.Empty<string>(), documentsIt = Array.Empty<string>(),
            },
        }));
        if (closedToday)
        {
            var closure = await api.PostAsync("/api/booking/admin/closures", new()
            {
                DataObject = new { departmentKey = key, date = DateTime.UtcNow.ToString("yyyy-MM-dd"), reasonDe = "Testschliessung", reasonEn = "Test closure" },
            });
            Assert.True(closure.Ok || closure.Status == 409, $"closure: {closure.Status} {await closure.TextAsync()}");
        }

        var (userName, password) = await AddStaffAsync(admin, key, "clerk", concern);
        return new TestDesk(key, concern, userName, password);
    }

    /// <summary>
    /// A member of staff of the desk's department, in a role, made as the admin does and signed in once with the
    /// temporary password to choose her own; waits until booking knows her (StaffAccountChanged). The admin party is
    /// signed in as the admin again afterwards.
    /// </summary>
    public static async Task<(string UserName, string Password)> AddStaffAsync(IBrowserContext admin, string key, string role, string concern)
    {
        var api = admin.APIRequest;
        var userName = $"{role}.{key}.{Guid.NewGuid():N}"[..40];
        // Two active colleagues may not share a name (residents could not tell them apart): each desk's clerk has her own.
        var displayName = (role == "clerk" ? "Tina Test " : "Sam Lead ") + userName[^6..];
        var created = await api.PostAsync("/api/staff", new()
        {
            DataObject = new { userName, displayName, roles = new[] { role }, departments = new[] { key }, skills = role == "clerk" ? new[] { concern } : Array.Empty<string>() },
        });
        Assert.True(created.Ok, $"staff account: {created.Status} {await created.TextAsync()}");
        using var account = JsonDocument.Parse(await created.TextAsync());
        var id = account.RootElement.GetProperty("account").GetProperty("id").GetGuid();
        var temporary = account.RootElement.GetProperty("temporaryPassword").GetString()!;
        // As a new colleague would: signs in with the temporary password and chooses her own; then the admin again.
        var password = $"Desk-{Guid.NewGuid():N}"[..20] + "!A1";
        await OkAsync(api.PostAsync("/api/auth/login", new() { DataObject = new { userName, password = temporary } }));
        await OkAsync(api.PostAsync("/api/auth/password", new() { DataObject = new { currentPassword = temporary, newPassword = password } }));
        await OkAsync(api.PostAsync("/api/auth/login", new() { DataObject = new { userName = "admin", password = AdminPassword } }));
        // Booking learns from the account (StaffAccountChanged) that she serves the concern: free slots and the queue's
        // estimate count her. Nobody enters it a second time. (A supervisor serves no concern.)
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (role == "clerk")
        {
            var staff = await api.GetAsync("/api/booking/admin/staff");
            Assert.True(staff.Ok, $"booking staff: {staff.Status}");
            using var list = JsonDocument.Parse(await staff.TextAsync());
            if (list.RootElement.EnumerateArray().Any(s => s.GetProperty("staffId").GetGuid() == id
                && s.GetProperty("staffName").GetString() == displayName && s.GetProperty("departmentKey").GetString() == key
                && s.GetProperty("concernKeys").EnumerateArray().Select(c => c.GetString()).SequenceEqual([concern])))
                break;
            Assert.True(DateTime.UtcNow < deadline, "Booking did not learn the new clerk's skills from her account within 30 s.");
            await Task.Delay(250);
        }
        return (userName, password);
    }

    private static async Task OkAsync(Task<IAPIResponse> call)
    {
        var response = await call;
        Assert.True(response.Ok, $"{response.Url}: {response.Status} {await response.TextAsync()}");
    }
}
