using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Testing;

namespace Municipal.IdentityVerification.Tests;

/// <summary>
/// An identity check is decided by whoever holds the consultation when it is decided (probe 5): the clerk who started
/// it and then handed the resident on, to a colleague, a supervisor who took over, or another department, recorded
/// "verified" for a consultation she no longer held, and another department's forms filled themselves from it.
/// </summary>
public sealed class HandedOnDecisionTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    private static object Verified(JsonElement v) => new
    {
        decision = "verified",
        confirmedFeatures = v.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("key").GetString()),
        questionsAsked = v.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("key").GetString()).Take(1),
    };

    [Theory]
    [InlineData("colleague")]
    [InlineData("supervisor")]
    [InlineData("other-department")]
    public async Task The_clerk_who_handed_the_consultation_on_no_longer_decides_its_identity_check(string handedTo)
    {
        var holder = Staff.Clerk("residents-office", "move");
        var first = factory.CreateStaffClient(holder);
        var room = factory.HeldRoom(holder, "residents-office", "move", "Erika Mustermann");
        var v = await (await first.PostAsJsonAsync("/api/identity/verifications", new { sessionId = room.Id })).Content.ReadFromJsonAsync<JsonElement>();
        var id = v.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await first.PutAsJsonAsync($"/api/identity/verifications/{id}/mrz", new { mrz = Specimens.GermanIdCard })).StatusCode);

        factory.Sessions.Put(handedTo switch
        {
            "colleague" => room with { StaffId = Staff.Clerk("residents-office", "move").Id },
            "supervisor" => room with { StaffId = Staff.Supervisor("residents-office").Id },
            _ => room with { StaffId = null, DepartmentKey = "tax-office", Status = "waiting" },
        });
        var refused = await first.PostAsJsonAsync($"/api/identity/verifications/{id}/decision", Verified(v));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("identity-not-holder", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal("open", (await first.GetFromJsonAsync<JsonElement>($"/api/identity/verifications/{id}")).GetProperty("status").GetString());

        // A supervisor of the department still steps in where the consultation stayed in it.
        if (handedTo == "other-department") return;
        var lead = factory.CreateStaffClient(Staff.Supervisor("residents-office"));
        Assert.Equal(HttpStatusCode.OK, (await lead.PostAsJsonAsync($"/api/identity/verifications/{id}/decision", Verified(v))).StatusCode);
    }
}
