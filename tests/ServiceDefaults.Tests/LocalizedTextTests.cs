using System.Text.Json;

namespace Municipal.ServiceDefaults.Tests;

/// <summary>The one per-language text record of forms, identity's checklist and the city's own names (issue 15 item 3).</summary>
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

    [Fact]
    public void A_city_text_left_blank_is_untranslated_so_pages_fall_back_to_the_citys_default_language()
    {
        var name = LocalizedText.Given("Einwohneramt", " ", "Contrôle des habitants", "");
        Assert.Equal(new LocalizedText("Einwohneramt", null, "Contrôle des habitants", null), name);
        Assert.Equal("Einwohneramt", name.For("en"));
        // The pages see the untranslated languages as null (i18n.js pick), not as an empty text.
        var json = JsonSerializer.SerializeToElement(name, JsonSerializerOptions.Web);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("en").ValueKind);
        Assert.Equal("Contrôle des habitants", json.GetProperty("fr").GetString());
    }
}
