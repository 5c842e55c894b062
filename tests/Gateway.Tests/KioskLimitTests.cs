using System.Net;
using System.Net.Http.Json;

namespace Municipal.Gateway.Tests;

/// <summary>
/// Probe of 2026-12-06: the town hall's scanner kiosk shared its address's 30 writes a minute with every resident
/// behind the same NAT (the visitors' Wi-Fi), so a few bookings there locked it out with 429. A kiosk's requests are
/// counted per device, each with a budget of its own (3 a minute in this factory), not among the residents'.
/// </summary>
public sealed class KioskLimitTests(StrictGatewayFactory gateway) : IClassFixture<StrictGatewayFactory>
{
    [Fact]
    public async Task A_kiosk_hands_in_while_residents_of_its_address_are_throttled_and_each_device_has_its_own_budget()
    {
        var client = gateway.Browser();
        var residents = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) residents.Add((await client.PostAsJsonAsync("/api/identity/tans", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, residents[^1]);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], await SubmitAsync(client, "device-a", 4));
        Assert.Equal([HttpStatusCode.OK], await SubmitAsync(client, "device-b", 1));

        // Without a device, the kiosk's path (its enrolment) stays among the residents' strict writes.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsJsonAsync("/api/documents/kiosk/enrolment", new { code = "x" })).StatusCode);
    }

    private static async Task<List<HttpStatusCode>> SubmitAsync(HttpClient client, string device, int times)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < times; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents/kiosk/submissions") { Content = JsonContent.Create(new { concernKey = "move" }) };
            request.Headers.Add("X-Kiosk-Device", device);
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }
        return statuses;
    }
}
