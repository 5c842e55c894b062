using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.IdentityVerification.Data;
using Municipal.IdentityVerification.Model;
using Municipal.Testing;

namespace Municipal.IdentityVerification.Tests;

/// <summary>
/// Every identity endpoint from the attacker's side (issue 16 item 2's brief): a clerk and a supervisor of another
/// department, a colleague who does not hold the consultation, and the resident of another consultation each try to
/// read, start, fill in, upload to and decide a check and to read and spend a resident's code. Each is refused, what
/// they send is recorded nowhere, and no refusal names the person or the department.
/// </summary>
public sealed partial class OtherPartiesTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D];

    private sealed record Party(string Who, HttpClient Client, HttpStatusCode Refusal);

    [Fact]
    public async Task Other_departments_colleagues_not_in_the_consultation_and_other_residents_are_refused_and_leave_no_trace()
    {
        // The consultation: naturalisation (a still is kept with consent), held by clerk A, resident with a code.
        var holder = Staff.Clerk("residents-office", "naturalisation");
        var clerk = factory.CreateStaffClient(holder);
        var address = Mailbox.UniqueAddress();
        var (room, residentToken) = await factory.AddRoomAsync("residents-office", "naturalisation", "Erika Mustermann", address, status: "active");
        factory.Sessions.Put(room with { StaffId = holder.Id, Mode = "speak", PictureArrives = true });
        var started = await clerk.PostAsJsonAsync("/api/identity/verifications", new { sessionId = room.Id });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var resident = factory.CreateResidentClient(residentToken);
        var contract = new string('a', 64);
        var issued = await resident.PostAsJsonAsync("/api/identity/tans", new { contentSha256 = contract });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var tanId = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tanId").GetGuid();
        var code = Code().Match((await Mailbox.WaitForAsync(address))[0].TextBody ?? "").Value;

        var (_, otherToken) = await factory.AddRoomAsync("residents-office", "move", "Max Fremd", Mailbox.UniqueAddress(), status: "active");
        Party[] staff =
        [
            new("clerk of another department", factory.CreateStaffClient(Staff.Clerk("tax-office", "tax-enquiry")), HttpStatusCode.Forbidden),
            new("supervisor of another department", factory.CreateStaffClient(Staff.Supervisor("tax-office")), HttpStatusCode.Forbidden),
            new("colleague not in the consultation", factory.CreateStaffClient(Staff.Clerk("residents-office", "naturalisation")), HttpStatusCode.Forbidden),
        ];
        // A resident's token opens no staff endpoint at all.
        var otherResident = new Party("resident of another consultation", factory.CreateResidentClient(otherToken), HttpStatusCode.Unauthorized);

        foreach (var party in staff.Append(otherResident))
        {
            await Refused(party, party.Client.PostAsJsonAsync("/api/identity/verifications", new { sessionId = room.Id }), "start a check");
            await Refused(party, party.Client.GetAsync($"/api/identity/verifications/{id}"), "read the check");
            await Refused(party, party.Client.PutAsJsonAsync($"/api/identity/verifications/{id}/mrz", new { mrz = Specimens.GermanIdCard }), "record an MRZ");
            var still = new ByteArrayContent(Png);
            still.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            await Refused(party, party.Client.PutAsync($"/api/identity/verifications/{id}/still?consent=true", still), "upload a still");
            await Refused(party, party.Client.PostAsJsonAsync($"/api/identity/verifications/{id}/decision", new { decision = "rejected", reason = "Fremd" }), "record a decision");
            // The right code itself: were it tried, the resident's signature would be spent.
            await Refused(party with { Refusal = HttpStatusCode.NotFound }, party.Client.PostAsJsonAsync($"/api/identity/tans/{tanId}/verify", new { code, contentSha256 = contract }), "spend the code");
        }
        // The consultation's outcome and a code's status: another department or a resident learns nothing; a colleague
        // of the department reads the outcome (the dossier page shows it) and the code's status, nothing of the person.
        foreach (var party in staff.Take(2))
        {
            await Refused(party, party.Client.GetAsync($"/api/identity/sessions/{room.Id}"), "read the consultation's identity");
            await Refused(party with { Refusal = HttpStatusCode.NotFound }, party.Client.GetAsync($"/api/identity/tans/{tanId}"), "read the code");
        }
        await Refused(otherResident, otherResident.Client.GetAsync($"/api/identity/sessions/{room.Id}"), "read the consultation's identity");
        await Refused(otherResident, otherResident.Client.GetAsync($"/api/identity/tans/{tanId}"), "read the code");
        await Refused(otherResident, otherResident.Client.PostAsJsonAsync("/api/identity/mrz", new { mrz = Specimens.GermanIdCard }), "use the MRZ reader");
        var outcome = await staff[2].Client.GetAsync($"/api/identity/sessions/{room.Id}");
        Assert.Equal(HttpStatusCode.OK, outcome.StatusCode);
        Assert.DoesNotContain("Erika", await outcome.Content.ReadAsStringAsync());

        // Nothing of it was recorded: the check is as the holder left it, no still, no event, no second check, and
        // the code has all its attempts — the resident signs with it.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            var row = await db.Verifications.AsNoTracking().SingleAsync(v => v.SessionId == room.Id);
            Assert.Equal((id, VerificationStatus.Open), (row.Id, row.Status));
            Assert.Null(row.DocumentNumberHash);
            Assert.Null(row.PendingSurname);
            Assert.Null(row.DecidedAt);
            Assert.Null(row.Reason);
            Assert.False(await db.Stills.AnyAsync(s => s.VerificationId == id));
            Assert.DoesNotContain(await db.OutboxMessages.AsNoTracking().ToListAsync(), m => m.Body.Contains(id.ToString()));
            var tan = await db.Tans.AsNoTracking().SingleAsync(t => t.Id == tanId);
            Assert.Equal((0, (DateTimeOffset?)null), (tan.Attempts, tan.UsedAt));
        }
        Assert.Equal(HttpStatusCode.OK, (await resident.PostAsJsonAsync($"/api/identity/tans/{tanId}/verify", new { code, contentSha256 = contract })).StatusCode);

        // The holder goes on, and a supervisor of the department may step in.
        Assert.Equal(HttpStatusCode.OK, (await clerk.PutAsJsonAsync($"/api/identity/verifications/{id}/mrz", new { mrz = Specimens.GermanIdCard })).StatusCode);
        var lead = factory.CreateStaffClient(Staff.Supervisor("residents-office"));
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"/api/identity/verifications/{id}")).StatusCode);
    }

    private static async Task Refused(Party party, Task<HttpResponseMessage> call, string what)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(party.Refusal == response.StatusCode, $"{party.Who} tried to {what}: {(int)response.StatusCode} {body}");
        // A refusal says no, not whose consultation it is.
        Assert.DoesNotContain("Erika", body);
        Assert.DoesNotContain("residents-office", body);
    }

    [GeneratedRegex(@"\b[0-9]{6}\b")]
    private static partial Regex Code();
}
