namespace Municipal.ServiceDefaults.Tests;

/// <summary>The one per-language text record of forms and identity's checklist (issue 15 item 3).</summary>
public sealed class LocalizedTextTests
{
    [Theory]
    [InlineData("de", "Ausweis")]
    [InlineData("en", "Identity card")]
    [InlineData("fr", "Carte d’identité")]
    [InlineData("it", "Ausweis")]
    [InlineData("de-x-ls", "Ausweis")]
    public void A_missing_language_reads_the_German(string language, string expected) =>
        Assert.Equal(expected, new LocalizedText("Ausweis", "Identity card", Fr: "Carte d’identité").For(language));
}
