
using Municipal.DocumentIntake.Inspection;
using Municipal.DocumentIntake.Uploads;

namespace Municipal.DocumentIntake.Tests;

public class FileNamesTests
{
    [Theory]
    [InlineData("../../../etc/passwd.png", "passwd.png")]
    [InlineData(@"..\..\Windows\win.ini.pdf", "win.ini.pdf")]
    [InlineData("/absolute/path/scan.jpg", "scan.jpg")]
    [InlineData("....", "document")]
    [InlineData("", "document")]
    [InlineData("a\u0000b\u0007c\r\n.pdf", "abc.pdf")]
    [InlineData("rechnung\u202Efdp.exe", "rechnungfdp.exe")]
    [InlineData("what?<is>*this|.pdf", "what__is__this_.pdf")]
    [InlineData("Antrag Einbürgerung.PDF", "Antrag Einbürgerung.pdf")]
    [InlineData("🐕.pdf", "🐕.pdf")]
    [InlineData("Hund 🐕 Bello.jpg", "Hund 🐕 Bello.jpg")]
    [InlineData(".pdf", "document.pdf")]
    [InlineData("  ..pdf  ", "document.pdf")]
    // A joiner between two characters joins them (the family stays one emoji, a Persian word stays written); alone or
    // at a space it is hidden and goes.
    [InlineData("👨\u200D👩\u200D👧 Familie.PDF", "👨\u200D👩\u200D👧 Familie.pdf")]
    [InlineData("\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645.pdf", "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645.pdf")]
    [InlineData("\u200Dscan\u200C .pdf", "scan.pdf")]
    [InlineData("a \u200D b\u200D\u0007c.pdf", "a  bc.pdf")]
    public void Keeps_only_a_safe_display_name(string input, string expected) => Assert.Equal(expected, FileNames.Sanitise(input));

    [Fact]
    public void Bounds_the_length_and_keeps_the_extension()
    {
        var name = FileNames.Sanitise(new string('x', 500) + ".pdf");
        Assert.Equal(FileNames.MaxLength, name.Length);
        Assert.EndsWith(".pdf", name);
    }

    [Fact]
    public void Drops_a_lone_surrogate_and_never_cuts_a_character_in_two()
    {
        Assert.Equal("ab.pdf", FileNames.Sanitise("a\uD800b\uDC00.pdf"));

        var name = FileNames.Sanitise(new string('x', 115) + "🐕🐕.pdf");
        Assert.Equal(new string('x', 115) + ".pdf", name);
        Assert.DoesNotContain(name, char.IsSurrogate);
    }

    [Fact]
    public void Gives_the_detected_type_its_extension()
    {
        Assert.Equal("scan.jpg", FileNames.Sanitise("scan", FileKind.Jpeg));
        Assert.Equal("scan.jpeg", FileNames.Sanitise("scan.jpeg", FileKind.Jpeg));
    }
}
