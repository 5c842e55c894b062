using Microsoft.Extensions.Configuration;

namespace Municipal.ServiceDefaults.Tests;

/// <summary>The language staff are written to: the departments' mailboxes read German in Lugano until 2026-12-07.</summary>
public sealed class CityLanguageTests
{
    private static IConfiguration City(string? staff, string? byDefault) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["City:StaffLanguage"] = staff, ["City:DefaultLanguage"] = byDefault,
        }).Build();

    [Theory]
    [InlineData(null, null, "de")]
    [InlineData(null, "it", "it")]
    [InlineData(null, " FR ", "fr")]
    [InlineData(null, "en", "en")]
    [InlineData("it", "de", "it")]
    [InlineData("", "fr", "fr")]
    [InlineData(null, "de-x-ls", "de")] // Leichte Sprache is the residents'
    [InlineData(null, "rm", "de")] // a language the system does not write
    [InlineData("xx", "it", "de")]
    public void Staff_read_the_staff_language_else_the_citys_else_German(string? staff, string? byDefault, string expected) =>
        Assert.Equal(expected, CityLanguage.Staff(City(staff, byDefault)));

    /// <summary>A bilingual city's French-speaking department in a German city is written to in French; empty follows the city.</summary>
    [Theory]
    [InlineData("fr", null, "fr")]
    [InlineData("de", "it", "de")]
    [InlineData("en", "fr", "en")]
    [InlineData("", "it", "it")]
    [InlineData(null, "fr", "fr")]
    [InlineData("de-x-ls", "it", "it")] // Leichte Sprache is the residents'
    [InlineData("FR", null, "de")] // as booking stores it: lower case, or nothing of its own
    public void A_department_reads_its_own_staff_language_else_the_citys(string? department, string? byDefault, string expected) =>
        Assert.Equal(expected, CityLanguage.Staff(City(null, byDefault), department));
}
