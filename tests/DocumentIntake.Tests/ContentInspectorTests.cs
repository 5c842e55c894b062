using System.Text;
using Municipal.DocumentIntake.Inspection;

namespace Municipal.DocumentIntake.Tests;

public class ContentInspectorTests
{
    private static (FileKind? Kind, string? Problem) Inspect(byte[] content, int chunk = 81920)
    {
        var inspector = new ContentInspector();
        for (var i = 0; i < content.Length; i += chunk) inspector.Append(content.AsSpan(i, Math.Min(chunk, content.Length - i)));
        return inspector.Decide();
    }

    [Fact]
    public void Recognises_each_accepted_type_by_content()
    {
        Assert.Equal((FileKind.Jpeg, null), Inspect(Files.Page1));
        Assert.Equal((FileKind.Png, null), Inspect(Files.Png));
        Assert.Equal((FileKind.Pdf, null), Inspect(Files.Pdf()));
        var tiff = new byte[64];
        "II*\0"u8.CopyTo(tiff);
        tiff[4] = 8;
        Assert.Equal((FileKind.Tiff, null), Inspect(tiff));
    }

    [Fact]
    public void Refuses_unknown_and_damaged_content()
    {
        Assert.Equal("unsupported", Inspect(Encoding.ASCII.GetBytes("just some text")).Problem);
        Assert.Equal("unsupported", Inspect(Files.Eicar).Problem);
        Assert.Equal("damaged", Inspect(Files.Page1[..^100]).Problem);
        Assert.Equal("damaged", Inspect(Files.Png[..^12]).Problem);
        Assert.Equal("damaged", Inspect(Encoding.ASCII.GetBytes("%PDF-1.7\nno trailer here")).Problem);
        var tiff = new byte[16];
        "MM\0*"u8.CopyTo(tiff);
        tiff[7] = 200; // first directory beyond the end of the file
        Assert.Equal("damaged", Inspect(tiff).Problem);
    }

    [Theory]
    [InlineData("%PDF-1.4 hidden document")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<HTML><body>")]
    [InlineData("<svg onload=x>")]
    [InlineData("<?php system($_GET['c']); ?>")]
    public void Refuses_an_image_carrying_another_format(string payload)
    {
        // The payload sits inside a comment segment, so the JPEG is still valid to an image viewer.
        var comment = Encoding.ASCII.GetBytes(payload);
        var segment = Files.Concat([0xFF, 0xFE, (byte)((comment.Length + 2) >> 8), (byte)(comment.Length + 2)], comment);
        var polyglot = Files.Concat(Files.Page1[..2], segment, Files.Page1[2..]);
        Assert.Equal((FileKind.Jpeg, "polyglot"), Inspect(polyglot));
    }

    [Fact]
    public void Refuses_a_zip_appended_to_a_png_and_a_pdf_with_javascript()
    {
        byte[] zipHeader = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00];
        // The ZIP sits before IEND so the trailer check alone would pass it.
        var png = Files.Png;
        var withZip = Files.Concat(png[..^12], zipHeader, png[^12..]);
        Assert.Equal((FileKind.Png, "polyglot"), Inspect(withZip));
        Assert.Equal("polyglot", Inspect(Files.Pdf("<< /S /JavaScript /JS (app.alert(1)) >>")).Problem);
    }

    /// <summary>
    /// A PDF name may write its characters as #xx: "/J#61vaScript" is "/JavaScript" to a reader and got past the plain
    /// search (API probe). Escaped active names are found in any chunking; an escaped harmless name is not refused.
    /// </summary>
    [Theory]
    [InlineData("<< /S /J#61vaScript /JS (app.alert(1)) >>", "polyglot")]
    [InlineData("<< /S /#4A#61#76#61#53#63#72#69#70#74 >>", "polyglot")]
    [InlineData("<< /Type /Action /S /L#61unch /F (cmd.exe) >>", "polyglot")]
    [InlineData("<< /Type /Emb#65ddedFile >>", "polyglot")]
    [InlineData("<< /Font /Helv#65tica /Name /A#20B >>", null)]
    [InlineData("<< /Title (C# und #JavaScript-Kurs) >>", null)]
    public void Finds_active_names_written_with_escapes(string dictionary, string? problem)
    {
        var pdf = Files.Pdf(dictionary);
        foreach (var chunk in new[] { 1, 5, 13, 48, 4096 })
        {
            Assert.Equal(problem, Inspect(pdf, chunk).Problem);
        }
    }

    [Fact]
    public void Finds_a_signature_split_across_chunks()
    {
        var png = Files.Png;
        var polyglot = Files.Concat(png[..^12], Encoding.ASCII.GetBytes("%PDF-1.7"), png[^12..]);
        foreach (var chunk in new[] { 1, 3, 7, 16, 17, 4096 })
        {
            Assert.Equal("polyglot", Inspect(polyglot, chunk).Problem);
        }
        Assert.Null(Inspect(png, 1).Problem);
    }

    [Fact]
    public void Checks_names_and_declared_types_against_the_content()
    {
        Assert.True(FileKind.Pdf.AgreesWithName("antrag.PDF"));
        Assert.True(FileKind.Jpeg.AgreesWithName("scan"));
        Assert.False(FileKind.Png.AgreesWithName("scan.pdf"));
        Assert.False(FileKind.Png.AgreesWithName("photo.exe"));
        Assert.True(FileKind.Jpeg.AgreesWithDeclared("image/pjpeg"));
        Assert.True(FileKind.Jpeg.AgreesWithDeclared("application/octet-stream"));
        Assert.False(FileKind.Jpeg.AgreesWithDeclared("application/pdf"));
    }
}
