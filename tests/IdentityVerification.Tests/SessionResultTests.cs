using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Testing;

namespace Municipal.IdentityVerification.Tests;

/// <summary>Issue 16 item 13: the dossier shows whether the consultation's identity check verified the person, by whom and when.</summary>
public class SessionResultTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task A_consultations_check_reads_open_then_verified_by_whom_and_when_and_nothing_more()
    {
        var holder = Staff.Clerk("residents-office", "move");
        var clerk = factory.CreateStaffClient(holder);
        var room = factory.HeldRoom(holder, "residents-office", "move", "Erika Mustermann");
        Assert.Equal("none", (await clerk.GetFromJsonAsync<JsonElement>($"/api/identity/sessions/{room.Id}")).GetProperty("status").GetString());

        var started = await clerk.PostAsJsonAsync("/api/identity/verifications", new { sessionId = room.Id });
        var v = await started.Content.ReadFromJsonAsync<JsonElement>();
        var id = v.GetProperty("id").GetGuid();
        Assert.Equal("open", (await clerk.GetFromJsonAsync<JsonElement>($"/api/identity/sessions/{room.Id}")).GetProperty("status").GetString());

        (await clerk.PutAsJsonAsync($"/api/identity/verifications/{id}/mrz", new { mrz = Specimens.GermanIdCard })).EnsureSuccessStatusCode();
        var decided = await clerk.PostAsJsonAsync($"/api/identity/verifications/{id}/decision", new
        {
            decision = "verified",
            confirmedFeatures = v.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("key").GetString()),
            questionsAsked = v.GetProperty("questions").EnumerateArray().Take(2).Select(q => q.GetProperty("key").GetString()),
        });
        decided.EnsureSuccessStatusCode();

        // A supervisor of the department reads it for the dossier: status, who and when, and the checks without the person.
        var supervisor = factory.CreateStaffClient(Staff.Supervisor("residents-office"));
        var result = await supervisor.GetFromJsonAsync<JsonElement>($"/api/identity/sessions/{room.Id}");
        Assert.Equal("verified", result.GetProperty("status").GetString());
        Assert.Equal("Clerk residents-office", result.GetProperty("decidedBy").GetString());
        // The service's clock (the tests' own time provider) stamped the decision.
        Assert.NotEqual(default, result.GetProperty("decidedAt").GetDateTimeOffset());
        Assert.Equal(["status", "decidedAt", "decidedBy", "checks"], result.EnumerateObject().Select(p => p.Name));
        var check = Assert.Single(result.GetProperty("checks").EnumerateArray());
        Assert.Equal(id, check.GetProperty("id").GetGuid());
        Assert.Empty(check.EnumerateObject().Select(p => p.Name).Intersect(["citizenName", "surname", "givenNames", "birthDate", "documentNumber", "documentNumberHash", "documentExpiry"]));

        // Another department's staff do not.
        var tax = factory.CreateStaffClient(Staff.Clerk("tax-office", "tax-enquiry"));
        Assert.Equal(HttpStatusCode.Forbidden, (await tax.GetAsync($"/api/identity/sessions/{room.Id}")).StatusCode);
    }
}
