using Microsoft.Extensions.Configuration;

namespace Municipal.ServiceDefaults.Tests;

/// <summary>The one reading of <c>PublicBaseUrl</c> behind every link a service sends (issue 15 item 3).</summary>
public sealed class PublicLinksTests
{
    private static IConfiguration With(string? baseUrl) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PublicBaseUrl"] = baseUrl }).Build();

    [Theory]
    [InlineData("https://schalter.example.ch", "https://schalter.example.ch/manage.html#t=abc")]
    [InlineData("https://schalter.example.ch/", "https://schalter.example.ch/manage.html#t=abc")]
    [InlineData("https://example.ch/counter/", "https://example.ch/counter/manage.html#t=abc")]
    [InlineData(null, "/manage.html#t=abc")]
    [InlineData("", "/manage.html#t=abc")]
    public void A_link_is_the_page_on_the_public_address(string? baseUrl, string expected)
    {
        Assert.Equal(expected, PublicLinks.To(With(baseUrl), "/manage.html#t=abc"));
        Assert.Equal(expected, PublicLinks.To(With(baseUrl), "manage.html#t=abc"));
    }

    [Fact]
    public void A_mail_can_name_its_own_fallback() =>
        Assert.Equal("http://127.0.0.1:8080", PublicLinks.Base(With(null), fallback: "http://127.0.0.1:8080/"));

    [Theory]
    [InlineData("https://schalter.example.ch", "https://schalter.example.ch")]
    [InlineData("https://schalter.example.ch:8443/counter/", "https://schalter.example.ch:8443")]
    [InlineData(null, null)]
    [InlineData("", null)]
    public void The_gateway_pins_its_origin_to_the_public_address(string? baseUrl, string? origin) =>
        Assert.Equal(origin, PublicLinks.Address(With(baseUrl))?.GetLeftPart(UriPartial.Authority));
}
