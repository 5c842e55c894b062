using Municipal.Form.Drafts;

namespace Municipal.Form.Tests;

public sealed class NameCaseTests
{
    [Theory]
    [InlineData("MUSTER", "Muster")]
    [InlineData("ANNA MARIA", "Anna Maria")]
    [InlineData("MUSTER-MEIER", "Muster-Meier")]
    [InlineData("O'NEIL", "O'Neil")]
    [InlineData("ÇELIK", "Çelik")]
    [InlineData("von Arx", "von Arx")]
    [InlineData("McDonald", "McDonald")]
    public void Mrz_capitals_become_the_usual_spelling_and_mixed_case_stays(string mrz, string expected) =>
        Assert.Equal(expected, NameCase.FromMrz(mrz));
}
