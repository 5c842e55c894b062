using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Municipal.Gateway.Tests;

/// <summary>
/// Probe "attack 2", item 12: residents see a clerk's display name (chat, "accepted by"). A link, 5,000 characters or the
/// name of another active colleague were accepted; a 5,000-character user name was the database's 400 without a field.
/// </summary>
public sealed class StaffNameTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    [Theory]
    [InlineData("https://evil.example", "name-link")]
    [InlineData("Rita www.evil.example", "name-link")]
    [InlineData("Rita Residents", "display-name-taken")]
    [InlineData("  rita   RESIDENTS ", "display-name-taken")]
    // Probe 2026-12-07: the same name with a no-break space or in full-width letters reads the same and was accepted.
    [InlineData("Rita\u00A0Residents", "display-name-taken")]
    [InlineData("Ｒｉｔａ Residents", "display-name-taken")]
    public async Task A_display_name_with_a_link_or_of_an_active_colleague_is_refused(string displayName, string reason)
    {
        var response = await CreateAsync(new { userName = NewUserName(), displayName, roles = new[] { "supervisor" } });

        await AssertRefusedAsync(response, "displayName", reason);
    }

    [Fact]
    public async Task Names_longer_than_their_limits_are_refused_naming_the_field()
    {
        await AssertRefusedAsync(await CreateAsync(new { userName = NewUserName(), displayName = new string('a', 5000), roles = new[] { "supervisor" } }), "displayName", "too-long");
        await AssertRefusedAsync(await CreateAsync(new { userName = new string('u', 5000), displayName = "Ulla Lang", roles = new[] { "supervisor" } }), "userName", "too-long");
    }

    [Fact]
    public async Task An_account_keeps_its_own_name_and_a_disabled_colleagues_name_may_be_given_again()
    {
        var admin = await gateway.SignedInAsync("admin");
        var first = await CreateAsync(new { userName = NewUserName(), displayName = "Gina Gleich", roles = new[] { "supervisor" } });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("account").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/staff/{id}", new { displayName = "Gina Gleich", roles = new[] { "supervisor", "admin" } })).StatusCode);
        await AssertRefusedAsync(await CreateAsync(new { userName = NewUserName(), displayName = "Gina Gleich", roles = new[] { "supervisor" } }), "displayName", "display-name-taken");

        (await admin.PostAsync($"/api/staff/{id}/disable", null)).EnsureSuccessStatusCode();
        var second = await CreateAsync(new { userName = NewUserName(), displayName = "Gina Gleich", roles = new[] { "supervisor" } });
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);

        // Probe: enabled again, the first Gina stood beside the second. Refused while the name is taken, as a conflict.
        var enabled = await admin.PostAsync($"/api/staff/{id}/enable", null);
        Assert.Equal(HttpStatusCode.Conflict, enabled.StatusCode);
        Assert.Equal("display-name-taken", (await enabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var secondId = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("account").GetProperty("id").GetGuid();
        (await admin.PostAsync($"/api/staff/{secondId}/disable", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/staff/{id}/enable", null)).StatusCode);
    }

    [Fact]
    public async Task Departments_and_concerns_are_stored_as_checked_trimmed()
    {
        // Probe 2026-12-07: " residents-office " passed the check (trimmed) and was stored as sent, a department nobody has.
        var created = await CreateAsync(new
        {
            userName = NewUserName(), displayName = $"Trude Trimm {Guid.NewGuid():N}"[..24], roles = new[] { "clerk" },
            departments = new[] { " residents-office " }, skills = new[] { " move\u00A0" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var account = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("account");
        Assert.Equal(["residents-office"], account.GetProperty("departments").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(["move"], account.GetProperty("skills").EnumerateArray().Select(d => d.GetString()));

        var admin = await gateway.SignedInAsync("admin");
        var updated = await admin.PutAsJsonAsync($"/api/staff/{account.GetProperty("id").GetGuid()}", new
        {
            displayName = account.GetProperty("displayName").GetString(), roles = new[] { "clerk" },
            departments = new[] { "tax-office  " }, skills = new[] { "\ttax-enquiry" },
        });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var view = await updated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["tax-office"], view.GetProperty("departments").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(["tax-enquiry"], view.GetProperty("skills").EnumerateArray().Select(d => d.GetString()));
    }

    private static string NewUserName() => $"name.{Guid.NewGuid():N}"[..20];

    private async Task<HttpResponseMessage> CreateAsync(object body) => await (await gateway.SignedInAsync("admin")).PostAsJsonAsync("/api/staff", body);

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field, string reason)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(reason, problem.GetProperty("reasons").GetProperty(field).GetString());
    }
}
