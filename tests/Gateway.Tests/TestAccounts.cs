using System.Net.Http.Json;
using System.Text.Json;

namespace Municipal.Gateway.Tests;

/// <summary>Fresh staff accounts, created by the seeded admin through the API.</summary>
internal static class TestAccounts
{
    public static async Task<(string UserName, string Password)> CreateAsync(GatewayFactory gateway, string role, string department)
    {
        var admin = await gateway.SignedInAsync("admin");
        var userName = $"test.{Guid.NewGuid():N}"[..20];
        var response = await admin.PostAsJsonAsync("/api/staff", new
        {
            userName, displayName = $"Test {role} {userName[^6..]}", roles = new[] { role }, departments = new[] { department }, skills = new[] { department == "tax-office" ? "tax-enquiry" : "move" },
        });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (userName, await OwnPasswordAsync(gateway, userName, created.GetProperty("temporaryPassword").GetString()!));
    }

    /// <summary>What a new colleague does first: signs in with the temporary password and chooses their own (returned).</summary>
    public static async Task<string> OwnPasswordAsync(GatewayFactory gateway, string userName, string temporaryPassword)
    {
        var client = await gateway.SignedInAsync(userName, temporaryPassword);
        var own = $"Own-{Guid.NewGuid():N}"[..20] + "!A1";
        var changed = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = temporaryPassword, newPassword = own });
        Assert.True(changed.IsSuccessStatusCode, $"password change: {(int)changed.StatusCode} {await changed.Content.ReadAsStringAsync()}");
        return own;
    }
}
