using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Contracts.Staff;
using Municipal.Gateway.Data;

namespace Municipal.Gateway.Tests;

/// <summary>
/// Every change an admin makes to a staff account leaves the account's new state in the gateway's outbox, in the
/// same transaction (booking keeps who can take which concern from it); a refused change leaves nothing.
/// </summary>
public sealed class StaffEventTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    private async Task<List<StaffAccountChanged>> EventsFor(Guid staffId)
    {
        await using var scope = gateway.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDb>();
        var bodies = await db.OutboxMessages.AsNoTracking().Where(m => m.MessageType == typeof(StaffAccountChanged).FullName)
            .OrderBy(m => m.Id).Select(m => m.Body).ToListAsync();
        return bodies.Select(b => JsonSerializer.Deserialize<StaffAccountChanged>(b, JsonSerializerOptions.Web)!).Where(e => e.StaffId == staffId).ToList();
    }

    [Fact]
    public async Task Creating_changing_and_disabling_an_account_each_publish_its_state()
    {
        var admin = await gateway.SignedInAsync("admin");
        var created = await admin.PostAsJsonAsync("/api/staff", new
        {
            userName = $"sync.{Guid.NewGuid():N}"[..20], displayName = "Nora Neu", roles = new[] { "clerk" },
            departments = new[] { "residents-office" }, skills = new[] { "move", "dog-registration" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("account").GetProperty("id").GetGuid();

        var first = Assert.Single(await EventsFor(id));
        Assert.Equal(("Nora Neu", true), (first.Name, first.Active));
        Assert.Equal(["clerk"], first.Roles);
        Assert.Equal(["residents-office"], first.Departments);
        Assert.Equal(["dog-registration", "move"], first.Skills);

        var changed = await admin.PutAsJsonAsync($"/api/staff/{id}", new
        {
            displayName = "Nora Neu-Muster", roles = new[] { "clerk" }, departments = new[] { "tax-office" }, skills = new[] { "tax-enquiry" },
        });
        changed.EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/staff/{id}/disable", null)).EnsureSuccessStatusCode();

        // A refused change (a role that does not exist) publishes nothing.
        var refused = await admin.PutAsJsonAsync($"/api/staff/{id}", new { displayName = "X", roles = new[] { "wizard" } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var events = await EventsFor(id);
        Assert.Equal(3, events.Count);
        Assert.Equal(("Nora Neu-Muster", true, "tax-enquiry"), (events[1].Name, events[1].Active, Assert.Single(events[1].Skills)));
        Assert.False(events[2].Active);
        Assert.True(events[0].ChangedAt <= events[1].ChangedAt && events[1].ChangedAt <= events[2].ChangedAt);
    }

    [Fact]
    public async Task An_unknown_department_or_topic_is_a_problem_naming_the_field_and_nothing_is_saved()
    {
        var admin = await gateway.SignedInAsync("admin");
        var userName = $"typo.{Guid.NewGuid():N}"[..20];
        var misspelt = await admin.PostAsJsonAsync("/api/staff", new
        {
            userName, displayName = "Tom Tippfehler", roles = new[] { "clerk" },
            departments = new[] { "residents-ofice" }, skills = new[] { "move", "dog-registraton" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, misspelt.StatusCode);
        var errors = (await misspelt.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("residents-ofice", errors.GetProperty("departments")[0].GetString());
        Assert.Contains("dog-registraton", errors.GetProperty("skills")[0].GetString());
        var accounts = await admin.GetFromJsonAsync<JsonElement[]>("/api/staff");
        Assert.DoesNotContain(accounts!, a => a.GetProperty("userName").GetString() == userName);

        // A topic of another department than the account's is refused too (a clerk acts within their departments).
        var created = await admin.PostAsJsonAsync("/api/staff", new
        {
            userName, displayName = "Tom Tippfehler", roles = new[] { "clerk" }, departments = new[] { "residents-office" }, skills = new[] { "move" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("account").GetProperty("id").GetGuid();
        var foreign = await admin.PutAsJsonAsync($"/api/staff/{id}", new
        {
            displayName = "Tom Tippfehler", roles = new[] { "clerk" }, departments = new[] { "residents-office" }, skills = new[] { "move", "tax-return" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("tax-return (tax-office)", (await foreign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("skills")[0].GetString());
        Assert.Equal(["move"], Assert.Single(await EventsFor(id)).Skills);
    }
}
