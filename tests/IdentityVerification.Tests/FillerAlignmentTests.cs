using Municipal.IdentityVerification.Ocr;

namespace Municipal.IdentityVerification.Tests;

/// <summary>Tesseract's readings of OCR-B's filler chevron, laid onto the cells whose shape is a chevron.</summary>
public class FillerAlignmentTests
{
    private static bool[] Cells(string mrzLine) => mrzLine.Select(c => c == '<').ToArray();

    [Theory]
    [InlineData("ERIKSSON<<ANNACMARIA<<<<<<<<<<")] // a chevron read as C, merged into the names
    [InlineData("ERIKSSON<<ANNA<KMARIA<<<<<<<<<")] // read as two characters
    [InlineData("ERIKSSONK<ANNA<MARIAS<<<<")] // as K and S, trailing fillers swallowed
    [InlineData("ERIKSSON<<ANNA<MARIA<<<<<<<<<<")]
    public void A_chevron_read_as_letters_becomes_a_filler_again(string read) =>
        Assert.Equal("ERIKSSON<<ANNA<MARIA<<<<<<<<<<", FillerAlignment.Fit(read, Cells("ERIKSSON<<ANNA<MARIA<<<<<<<<<<")));

    [Theory]
    [InlineData("ERIKSSON<<ANNA<MAR")] // letters missing: nothing to fill them with
    [InlineData("ERIKSSON<<ANNAYZMARIA<<<<<<<<<")] // two letters where the cells show one chevron
    public void A_reading_that_does_not_fit_the_cells_is_left_to_the_check_digits(string read) =>
        Assert.Null(FillerAlignment.Fit(read, Cells("ERIKSSON<<ANNA<MARIA<<<<<<<<<<")));
}
