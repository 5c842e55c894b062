using Municipal.ServiceDefaults.Input;

namespace Municipal.ServiceDefaults.Tests;

/// <summary>
/// Room probe, 2026-12-06: a form pre-filled from the passport read "Oeztuerk Mueller" / "Amelie" for a resident booked
/// as "Amélie Öztürk-Müller": the MRZ's transliteration, not the name. Where the booked name is the document's names
/// as an MRZ writes them, its own spelling is taken.
/// </summary>
public sealed class MrzSpellingTests
{
    [Theory]
    [InlineData("Amélie Öztürk-Müller", "OEZTUERK MUELLER", "AMELIE", "Öztürk-Müller", "Amélie")]
    [InlineData("Öztürk-Müller Amélie", "OEZTUERK MUELLER", "AMELIE", "Öztürk-Müller", "Amélie")]
    [InlineData("Anna Maria  Muster", "MUSTER", "ANNA MARIA", "Muster", "Anna Maria")]
    [InlineData("Jürgen Strauß", "STRAUSS", "JUERGEN", "Strauß", "Jürgen")]
    [InlineData("Seán O'Brien", "O BRIEN", "SEAN", "O'Brien", "Seán")]
    public void The_booked_spelling_of_the_documents_names_is_found(string booked, string surname, string given, string expectedSurname, string expectedGiven)
    {
        Assert.Equal((expectedSurname, expectedGiven), MrzSpelling.BookedSpelling(booked, surname, given));
    }

    [Theory]
    [InlineData("Anna Muster", "MUSTER MEIER", "ANNA")]        // booked under part of the name: the document's stands
    [InlineData("Anna Muster", "MUSTER", "ANNA MARIA")]
    [InlineData("Amelie Oztürk", "OEZTUERK", "AMELIE")]        // another transliteration
    [InlineData("", "MUSTER", "ANNA")]
    [InlineData("Muster", "MUSTER", "ANNA")]
    public void Another_name_gives_none(string booked, string surname, string given)
    {
        Assert.Null(MrzSpelling.BookedSpelling(booked, surname, given));
    }

    [Fact]
    public void Words_are_written_as_an_mrz_writes_them()
    {
        Assert.Equal(["OEZTUERK", "MUELLER"], MrzSpelling.Words("Öztürk-Müller"));
        Assert.Equal(["STRAUSS", "AASE"], MrzSpelling.Words("Strauß Åse"));
    }
}
