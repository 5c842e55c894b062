using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Municipal.Gateway.Apis;

namespace Municipal.Gateway.Tests;

/// <summary>Issue 17: a city decides which languages its counter offers and which one is its default.</summary>
public sealed class CityTests(CityTests.TicinoGatewayFactory gateway) : IClassFixture<CityTests.TicinoGatewayFactory>
{
    /// <summary>A city that speaks Italian first and also German and French; English and codes we do not know are left out.</summary>
    public sealed class TicinoGatewayFactory : GatewayFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        [
            new("City:Languages", "it, de, fr, xx"),
            new("City:DefaultLanguage", "it"),
        ];
    }

    [Fact]
    public async Task The_pages_learn_the_citys_languages_and_default_without_signing_in()
    {
        var response = await gateway.Browser().GetAsync("/api/city");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var city = await response.Content.ReadFromJsonAsync<CitySettings>();
        Assert.Equal("it", city!.DefaultLanguage);
        Assert.Equal(["it", "de", "fr"], city.Languages);
        // The admin's department form names the city's staff language beside "as the city" (its default's, here).
        Assert.Equal("it", city.StaffLanguage);
    }

    [Fact]
    public void Without_settings_a_city_offers_all_five_with_German_first()
    {
        var city = CitySettings.From(new ConfigurationBuilder().Build());
        Assert.Equal("de", city.DefaultLanguage);
        Assert.Equal(["de", "en", "fr", "it", "de-x-ls"], city.Languages);
        Assert.Equal("Europe/Zurich", city.TimeZone);
        var wrongDefault = CitySettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["City:Languages"] = "fr,it", ["City:DefaultLanguage"] = "en" }).Build());
        Assert.Equal("fr", wrongDefault.DefaultLanguage);
    }

    [Fact]
    public void A_city_elsewhere_tells_the_pages_its_time_zone()
    {
        // Issue 15 item 3: the pages format every time in this zone (shared/dates.js), no longer in a hard-coded Zurich.
        var city = CitySettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["City:TimeZone"] = "America/New_York" }).Build());
        Assert.Equal("America/New_York", city.TimeZone);
    }

    [Fact]
    public async Task Reading_the_citys_languages_leaves_no_audit_entry()
    {
        // Every page reads /api/city: audited, it would write a row per page a member of staff opens.
        var supervisor = await gateway.SignedInAsync("supervisor");
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/api/city")).StatusCode);
        var marker = $"/api/forms/dossiers/{Guid.NewGuid()}";
        await supervisor.GetAsync(marker);
        JsonElement[] entries = [];
        for (var i = 0; i < 50 && entries.Length == 0; i++)
        {
            entries = (await supervisor.GetFromJsonAsync<JsonElement[]>($"/api/audit?path={Uri.EscapeDataString(marker)}"))!;
            if (entries.Length == 0) await Task.Delay(100);
        }
        Assert.Single(entries); // the log has caught up with the request after the city's
        Assert.Empty((await supervisor.GetFromJsonAsync<JsonElement[]>("/api/audit?path=/api/city"))!);
    }
}
