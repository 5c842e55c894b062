using System.Net.Http.Json;
using System.Text.Json;
using Municipal.ServiceDefaults.Security;

namespace Municipal.Form.Tests;

/// <summary>Helpers that act as a resident or clerk would through the API.</summary>
internal static class Residents
{
    public static string Today() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Zurich")).DateTime).ToString("yyyy-MM-dd");

    /// <summary>A complete, valid registration of residence.</summary>
    public static Dictionary<string, object> Registration(string email) => new()
    {
        ["applicant.officialName"] = "Muster", ["applicant.firstName"] = "Anna", ["applicant.sex"] = "2",
        ["applicant.dateOfBirth"] = "1990-05-17", ["applicant.nationality"] = "CH",
        ["moveInDate"] = Today(), ["residenceType"] = "main",
        ["newAddress.street"] = "Marktgasse", ["newAddress.houseNumber"] = "12", ["newAddress.swissZipCode"] = "8400", ["newAddress.town"] = "Winterthur",
        ["previousAddress.street"] = "Hauptstrasse", ["previousAddress.houseNumber"] = "1", ["previousAddress.countryIso2"] = "CH",
        ["previousAddress.swissZipCode"] = "3000", ["previousAddress.town"] = "Bern", ["landlord"] = "Stadtwohnungen AG",
        ["email"] = email, ["truthful"] = true,
    };

    public static async Task<(Guid Id, string Token)> NewDraftAsync(HttpClient client, string definitionId = "residence-registration")
    {
        var response = await client.PostAsJsonAsync("/api/forms/drafts", new { definitionId });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var draft = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (draft.GetProperty("id").GetGuid(), draft.GetProperty("token").GetString()!);
    }

    public static async Task<HttpResponseMessage> PatchAsync(HttpClient client, Guid draft, string field, object? value, int baseVersion) =>
        await client.PatchAsJsonAsync($"/api/forms/drafts/{draft}/fields/{field}", new { value, baseVersion });

    public static async Task FillAsync(HttpClient client, Guid draft, IReadOnlyDictionary<string, object> values)
    {
        var current = await client.GetFromJsonAsync<JsonElement>($"/api/forms/drafts/{draft}");
        var fields = current.GetProperty("fields");
        foreach (var (field, value) in values)
        {
            var version = fields.TryGetProperty(field, out var f) ? f.GetProperty("version").GetInt32() : 0;
            (await PatchAsync(client, draft, field, value, version)).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Waits until the dossier behind a resident's status link has its PDF printed (at most <paramref name="limit"/>).</summary>
    public static async Task UntilPdfReadyAsync(HttpClient resident, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!(await resident.GetFromJsonAsync<JsonElement>("/api/forms/dossiers/mine")).GetProperty("pdfReady").GetBoolean() && DateTime.UtcNow < deadline)
            await Task.Delay(250);
    }

    public static object DrawnSignature() => new
    {
        kind = "drawn",
        image = "data:image/png;base64," + Convert.ToBase64String(TinyPng),
        strokes = new[] { new[] { new { x = 10, y = 10, t = 0 }, new { x = 60, y = 30, t = 40 }, new { x = 120, y = 12, t = 90 } } },
    };

    // A valid 1x1 PNG: the service checks the signature picture is really a PNG.
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public static string NewToken() => CapabilityToken.Create();
}
