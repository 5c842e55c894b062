using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Gateway.Data;
using Municipal.Gateway.Security;

namespace Municipal.Gateway.Tests;

/// <summary>
/// Issue 15 item 3: the audit log's days are the city's, read from ServiceDefaults' CityClock like every other reading
/// of <c>City:TimeZone</c>. A blank setting (an environment variable left empty) means the default zone there and on
/// the pages (/api/city); the audit used to read it as UTC, an hour or two off the days the pages show.
/// </summary>
public sealed class AuditDaysTests(AuditDaysTests.BlankZoneGatewayFactory gateway) : IClassFixture<AuditDaysTests.BlankZoneGatewayFactory>
{
    public sealed class BlankZoneGatewayFactory : GatewayFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings() => [new("City:TimeZone", "")];
    }

    [Fact]
    public async Task A_day_of_the_log_is_the_day_the_pages_show()
    {
        var city = await gateway.Browser().GetFromJsonAsync<JsonElement>("/api/city");
        Assert.Equal("Europe/Zurich", city.GetProperty("timeZone").GetString());
        // 23:30 UTC on 15 January is 00:30 on the 16th in Zurich (UTC+1 in winter).
        var path = $"/api/forms/dossiers/{Guid.NewGuid()}";
        using (var scope = gateway.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GatewayDb>();
            db.AuditLog.Add(new AuditEntry
            {
                At = new DateTimeOffset(2026, 1, 15, 23, 30, 0, TimeSpan.Zero), StaffId = Guid.NewGuid(), StaffName = "Clara Clerk",
                Action = "GET " + path, Method = "GET", Path = path, Status = 200,
            });
            await db.SaveChangesAsync();
        }
        var admin = await gateway.SignedInAsync("admin");

        async Task<int> OnDay(string day) =>
            (await admin.GetFromJsonAsync<JsonElement[]>($"/api/audit?path={Uri.EscapeDataString(path)}&from={day}&to={day}"))!.Length;

        Assert.Equal(1, await OnDay("2026-01-16"));
        Assert.Equal(0, await OnDay("2026-01-15"));
    }
}
