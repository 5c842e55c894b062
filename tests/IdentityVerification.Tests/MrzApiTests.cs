using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Municipal.Testing;

namespace Municipal.IdentityVerification.Tests;

public class MrzApiTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task Staff_get_every_field_and_each_check()
    {
        var client = factory.CreateStaffClient(Staff.Clerk("residents-office"));
        var response = await client.PostAsJsonAsync("/api/identity/mrz", new { mrz = Specimens.GermanIdCard });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("td1", body.GetProperty("format").GetString());
        Assert.Equal("D", body.GetProperty("issuingState").GetString());
        Assert.Equal("MUSTERMANN", body.GetProperty("surname").GetString());
        Assert.Equal("1983-08-12", body.GetProperty("birthDate").GetString());
        Assert.Equal(4, body.GetProperty("checks").GetArrayLength());
        Assert.All(body.GetProperty("checks").EnumerateArray(), c => Assert.True(c.GetProperty("valid").GetBoolean()));
        Assert.True(body.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Expiry_is_judged_against_the_service_clock()
    {
        var client = factory.CreateStaffClient(Staff.Clerk("residents-office"));
        var body = await (await client.PostAsJsonAsync("/api/identity/mrz", new { mrz = Specimens.Td3 })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("expired").GetBoolean());
        Assert.False(body.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_malformed_mrz_is_a_validation_problem_naming_the_field()
    {
        var client = factory.CreateStaffClient(Staff.Clerk("tax-office"));
        var response = await client.PostAsJsonAsync("/api/identity/mrz", new { mrz = "P<UTO\nL898" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Line 1 has 5 characters", problem.GetProperty("errors").GetProperty("mrz")[0].GetString());
    }

    [Fact]
    public async Task Residents_and_anonymous_callers_are_refused()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/identity/mrz", new { mrz = Specimens.Td3 });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
