using System.Net.Http.Json;
using System.Text.Json;

namespace Municipal.Form.Tests;

/// <summary>
/// Issue 16 item 3: the concerns that promise signing on screen (move, naturalisation, tax return) have a form of
/// their own, shaped after eCH-0044/0010, whose rules the server applies.
/// </summary>
public sealed class SigningConcernFormTests(FormFactory factory) : IClassFixture<FormFactory>
{
    private static string Today(int days = 0) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd");

    public static TheoryData<string, Dictionary<string, object?>, string, string, object?> Forms() => new()
    {
        {
            "move", new()
            {
                ["applicant.officialName"] = "Muster", ["applicant.firstName"] = "Anna", ["applicant.sex"] = "2", ["applicant.dateOfBirth"] = "1990-05-17",
                ["applicant.nationality"] = "CH", ["moveDate"] = Today(-2),
                ["previousAddress.street"] = "Marktgasse", ["previousAddress.houseNumber"] = "12", ["previousAddress.swissZipCode"] = "8400", ["previousAddress.town"] = "Winterthur",
                ["newAddress.street"] = "Technikumstrasse", ["newAddress.houseNumber"] = "9", ["newAddress.swissZipCode"] = "8400", ["newAddress.town"] = "Winterthur",
                ["landlord"] = "Stadtwohnungen AG", ["email"] = "anna@example.org", ["truthful"] = true,
            },
            "moveDate", "maxDaysAhead", Today(30)
        },
        {
            "naturalisation", new()
            {
                ["applicant.officialName"] = "Shevchenko", ["applicant.firstName"] = "Olena", ["applicant.sex"] = "2", ["applicant.dateOfBirth"] = "1988-02-03",
                ["applicant.nationality"] = "UA", ["placeOfBirth"] = "Lviv",
                ["address.street"] = "Marktgasse", ["address.houseNumber"] = "12", ["address.swissZipCode"] = "8400", ["address.town"] = "Winterthur",
                ["permit"] = "C", ["arrivalInSwitzerland"] = "2012-04-01", ["arrivalInCity"] = "2015-09-01",
                ["germanSpoken"] = "B2", ["germanWritten"] = "B1", ["email"] = "olena@example.org", ["truthful"] = true,
            },
            "arrivalInCity", "compare", "2010-01-01"
        },
        {
            "tax-return", new()
            {
                ["taxpayer.officialName"] = "Muster", ["taxpayer.firstName"] = "Anna", ["taxpayer.dateOfBirth"] = "1990-05-17",
                ["ahvNumber"] = "756.1234.5678.97",
                ["address.street"] = "Marktgasse", ["address.houseNumber"] = "12", ["address.swissZipCode"] = "8400", ["address.town"] = "Winterthur",
                ["maritalStatus"] = "1", ["taxYear"] = "2025", ["netSalary"] = "78000", ["email"] = "anna@example.org", ["truthful"] = true,
            },
            "ahvNumber", "pattern", "7561234567897"
        },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task The_form_accepts_a_complete_application_and_applies_its_rules(
        string concern, Dictionary<string, object?> values, string field, string code, object? wrong)
    {
        var client = factory.CreateClient();
        var listed = await client.GetFromJsonAsync<JsonElement>($"/api/forms/definitions?concern={concern}");
        var definition = listed.EnumerateArray().Single();
        Assert.Equal(concern, definition.GetProperty("id").GetString());
        Assert.Equal(concern.StartsWith("tax") ? "tax-office" : "residents-office", definition.GetProperty("departmentKey").GetString());

        Assert.Empty(await ErrorsAsync(client, concern, values));
        values[field] = wrong;
        var error = Assert.Single(await ErrorsAsync(client, concern, values));
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());

        values.Remove("email");
        Assert.Contains(await ErrorsAsync(client, concern, values), e => e.GetProperty("field").GetString() == "email");
    }

    private static async Task<List<JsonElement>> ErrorsAsync(HttpClient client, string concern, Dictionary<string, object?> values)
    {
        var response = await client.PostAsJsonAsync($"/api/forms/definitions/{concern}/validate", new { values });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().ToList();
    }
}
