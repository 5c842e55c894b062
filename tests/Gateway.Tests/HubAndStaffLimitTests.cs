using System.Net;
using System.Net.Http.Json;

namespace Municipal.Gateway.Tests;

/// <summary>Limits the probe found missing: SignalR's door per address, and staff on what costs CPU.</summary>
public sealed class HubAndStaffLimitTests(StrictGatewayFactory gateway) : IClassFixture<StrictGatewayFactory>
{
    [Fact]
    public async Task Hub_connections_from_one_address_are_limited()
    {
        var client = gateway.Browser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await client.PostAsync("/hubs/session/negotiate?negotiateVersion=1", null)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        // A long-polling client's polls and sends on its open connection are not connection attempts.
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/hubs/session?id=connection-token")).StatusCode);
        }
    }

    [Fact]
    public async Task Staff_have_a_real_budget_for_mrz_checks_and_stills_but_not_for_reading()
    {
        var clerk = await gateway.SignedInAsync("clerk.residents");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            statuses.Add((await clerk.PostAsJsonAsync("/api/identity/mrz", new { mrz = "x" })).StatusCode);
            statuses.Add((await clerk.PutAsJsonAsync($"/api/identity/verifications/{Guid.NewGuid()}/still", new { image = "x" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/api/forms/dossiers")).StatusCode);
        }
        // The budget is the account's: a colleague is not affected.
        var colleague = await gateway.SignedInAsync("clerk.second");
        Assert.Equal(HttpStatusCode.OK, (await colleague.PostAsJsonAsync("/api/identity/mrz", new { mrz = "x" })).StatusCode);
    }

    [Fact]
    public async Task A_staff_accounts_password_changes_are_limited_the_estimate_of_each_costs_cpu()
    {
        var clerk = await gateway.SignedInAsync("clerk.second");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await clerk.PostAsJsonAsync("/api/auth/password", new { currentPassword = "", newPassword = "" })).StatusCode);

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        // The budget is the account's: a colleague changes hers.
        var colleague = await gateway.SignedInAsync("clerk.tax");
        Assert.Equal(HttpStatusCode.BadRequest, (await colleague.PostAsJsonAsync("/api/auth/password", new { currentPassword = "", newPassword = "" })).StatusCode);
    }
}
