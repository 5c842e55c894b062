using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Testing;

namespace Municipal.IdentityVerification.Tests;

/// <summary>
/// The identity check travels with the consultation's room (issue 16 item 2): after a transfer to another department
/// the clerk there sees that, by whom and when the identity was verified, and no more of the document than the deciding
/// clerk saw after the decision; a third department is refused.
/// </summary>
public sealed class TransferredCaseTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task After_a_transfer_the_receiving_clerk_sees_who_verified_the_identity_and_a_third_department_does_not()
    {
        var holder = Staff.Clerk("residents-office", "move");
        var first = factory.CreateStaffClient(holder);
        var room = factory.HeldRoom(holder, "residents-office", "move", "Erika Mustermann");
        var v = await (await first.PostAsJsonAsync("/api/identity/verifications", new { sessionId = room.Id })).Content.ReadFromJsonAsync<JsonElement>();
        var id = v.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await first.PutAsJsonAsync($"/api/identity/verifications/{id}/mrz", new { mrz = Specimens.GermanIdCard })).StatusCode);
        var decided = await first.PostAsJsonAsync($"/api/identity/verifications/{id}/decision", new
        {
            decision = "verified",
            confirmedFeatures = v.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("key").GetString()),
            questionsAsked = v.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("key").GetString()).Take(1),
        });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        factory.Sessions.Put(room with { DepartmentKey = "tax-office" });
        var second = factory.CreateStaffClient(Staff.Clerk("tax-office", "tax-enquiry"));
        var outcomes = await second.GetFromJsonAsync<JsonElement>($"/api/identity/sessions/{room.Id}");
        Assert.Equal("verified", outcomes.GetProperty("status").GetString());
        var outcome = Assert.Single(outcomes.GetProperty("checks").EnumerateArray());
        Assert.Equal("verified", outcome.GetProperty("status").GetString());
        Assert.Equal("Clerk residents-office", outcome.GetProperty("decidedByName").GetString());
        Assert.True(outcome.GetProperty("decidedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(("identity-card", "D"), (outcome.GetProperty("documentType").GetString(), outcome.GetProperty("issuingState").GetString()));
        // No names, birth date, document number or expiry leave with it.
        var names = outcome.EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Empty(names.Intersect(["citizenName", "surname", "givenNames", "birthDate", "documentNumber", "documentNumberHash", "documentExpiry", "expiry"]));
        // The verification itself stays its department's: the receiving clerk reads the result, not the record.
        Assert.Equal(HttpStatusCode.Forbidden, (await second.GetAsync($"/api/identity/verifications/{id}")).StatusCode);

        // The sending department still reads its own check; a third department learns nothing.
        Assert.Single((await first.GetFromJsonAsync<JsonElement>($"/api/identity/sessions/{room.Id}")).GetProperty("checks").EnumerateArray());
        var third = factory.CreateStaffClient(Staff.Clerk("building-office"));
        Assert.Equal(HttpStatusCode.Forbidden, (await third.GetAsync($"/api/identity/sessions/{room.Id}")).StatusCode);
    }
}
