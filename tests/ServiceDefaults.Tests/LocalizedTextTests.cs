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
    public void Leichte_sprache_reads_its_own_text_where_there_is_one_and_travels_as_de_x_ls()
    {
        var label = new LocalizedText("Staatsangehörigkeit", "Nationality", "Nationalité", "Cittadinanza", "Nationalität (Land vom Pass)");
        Assert.Equal("Nationalität (Land vom Pass)", label.For("de-x-ls"));
        Assert.Equal("Staatsangehörigkeit", label.For("de"));
        var json = JsonSerializer.SerializeToElement(label, JsonSerializerOptions.Web);
        Assert.Equal("Nationalität (Land vom Pass)", json.GetProperty("de-x-ls").GetString());
        Assert.Equal(label, JsonSerializer.Deserialize<LocalizedText>(json.GetRawText(), JsonSerializerOptions.Web));
        // A text without one (the city's names) leaves the key out: pages fall back as before (i18n.js pick).
        Assert.False(JsonSerializer.SerializeToElement(new LocalizedText("Einwohneramt", "Residents' office"), JsonSerializerOptions.Web).TryGetProperty("de-x-ls", out _));
    }

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
