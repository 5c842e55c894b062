using System.Net.Http.Json;
using Municipal.Testing;

namespace Municipal.DocumentIntake.Tests;

/// <summary>Registers a kiosk the way an admin and the kiosk page do: issue a code, trade it for a device token.</summary>
public static class KioskEnrolment
{
    public sealed record Issued(DeviceView Device, string EnrolmentCode);

    public sealed record DeviceView(Guid Id, string Name, string Status);

    public sealed record Enrolled(string Token, string Name);

    public static async Task<Issued> IssueKioskAsync(this DocumentFactory factory, string name = "Foyer")
    {
        var response = await factory.CreateStaffClient(Staff.Admin()).PostAsJsonAsync("/api/documents/kiosk/devices", new { name });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Issued>())!;
    }

    /// <summary>A client of a freshly enrolled kiosk, and the device's id.</summary>
    public static async Task<(HttpClient Kiosk, Guid DeviceId)> EnrolKioskAsync(this DocumentFactory factory, string name = "Foyer")
    {
        var issued = await factory.IssueKioskAsync(name);
        var response = await factory.CreateClient().PostAsJsonAsync("/api/documents/kiosk/enrolment", new { code = issued.EnrolmentCode });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var enrolled = (await response.Content.ReadFromJsonAsync<Enrolled>())!;
        return (factory.KioskClient(enrolled.Token), issued.Device.Id);
    }

    public static HttpClient KioskClient(this DocumentFactory factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Kiosk-Device", token);
        return client;
    }
}
