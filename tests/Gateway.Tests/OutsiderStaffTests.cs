using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Municipal.Gateway.Tests;

/// <summary>
/// The staff side and the gateway's edges as an attacker or a careless colleague would use them (probe 7): values a
/// database refuses in what the audit log records, requests that dress up as another client, and roles reaching
/// for more than they hold.
/// </summary>
public sealed class OutsiderStaffTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    [Theory]
    [InlineData("/api/booking/statistics?department=%00")]
    [InlineData("/api/booking/appointments/today?departmentKey=a%00b")]
    [InlineData("/api/audit?department=%00")]
    public async Task A_request_naming_a_department_the_database_cannot_store_does_not_stop_the_audit_log(string poisoned)
    {
        var supervisor = await gateway.SignedInAsync("supervisor");
        var refused = await supervisor.GetAsync(poisoned);
        Assert.True((int)refused.StatusCode < 500, $"{(int)refused.StatusCode} {await refused.Content.ReadAsStringAsync()}");

        // Every later entry is still written.
        var after = $"/api/forms/dossiers/{Guid.NewGuid()}";
        await supervisor.GetAsync(after);
        var admin = await gateway.SignedInAsync("admin");
        Assert.Single(await EntriesAsync(admin, after));
    }

    private static async Task<JsonElement[]> EntriesAsync(HttpClient client, string path)
    {
        JsonElement[] entries = [];
        for (var i = 0; i < 50 && entries.Length == 0; i++)
        {
            if (i > 0) await Task.Delay(100);
            entries = (await client.GetFromJsonAsync<JsonElement[]>($"/api/audit?path={Uri.EscapeDataString(path)}"))!;
        }
        return entries;
    }
}
