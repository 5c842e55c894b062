using Municipal.ServiceDefaults.Mail;

namespace Municipal.ServiceDefaults.Tests;

/// <summary>The one address check every service uses (issue 16 item 6): a domain needs a dot-separated ending.</summary>
public sealed class EmailAddressesTests
{
    [Theory]
    [InlineData("anna@example.org")]
    [InlineData("anna.muster+termin@mail.stadt-winterthur.ch")]
    [InlineData("a@b.co")]
    [InlineData("x@xn--mller-kva.ch")]
    [InlineData("first_last@sub.domain.museum")]
    public void Accepts_plain_deliverable_addresses(string value) => Assert.True(EmailAddresses.IsValid(value));

    [Theory]
    [InlineData("anna@example")]
    [InlineData("anna.muster@example")]
    [InlineData("anna@example.")]
    [InlineData("anna@.example.org")]
    [InlineData("anna@stadt..ch")]
    [InlineData("anna@example.123")]
    [InlineData("anna@-stadt.ch")]
    [InlineData("anna muster@example.org")]
    [InlineData("Anna <anna@example.org>")]
    [InlineData("anna@@example.org")]
    [InlineData("@example.org")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_addresses_that_cannot_be_delivered(string? value) => Assert.False(EmailAddresses.IsValid(value));

    [Fact]
    public void Refuses_overlong_addresses_and_trims_on_normalising()
    {
        Assert.False(EmailAddresses.IsValid(new string('a', 65) + "@example.org"));
        Assert.False(EmailAddresses.IsValid("a@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 5)) + ".ch"));
        Assert.Equal("anna@example.org", EmailAddresses.Normalize("  anna@example.org "));
        Assert.Null(EmailAddresses.Normalize(" anna@example "));
    }
}
