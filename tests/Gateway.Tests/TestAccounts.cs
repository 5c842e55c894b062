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
            userName, displayName = "Test " + role, roles = new[] { role }, departments = new[] { department }, skills = new[] { department == "tax-office" ? "tax-enquiry" : "move" },
        });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (userName, created.GetProperty("temporaryPassword").GetString()!);
    }
}
