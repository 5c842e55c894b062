using System.Net;
using System.Net.Http.Json;
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
    }

    [Fact]
    public void Without_settings_a_city_offers_all_five_with_German_first()
    {
        var city = CitySettings.From(new ConfigurationBuilder().Build());
        Assert.Equal("de", city.DefaultLanguage);
        Assert.Equal(["de", "en", "fr", "it", "de-x-ls"], city.Languages);
        var wrongDefault = CitySettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["City:Languages"] = "fr,it", ["City:DefaultLanguage"] = "en" }).Build());
        Assert.Equal("fr", wrongDefault.DefaultLanguage);
    }
}
