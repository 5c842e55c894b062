using System.Text;
using System.Text.RegularExpressions;

namespace Municipal.DocumentIntake.Tests;

/// <summary>
/// A strict reader for the PDFs the kiosk writes: follows startxref to the cross-reference table, checks that every
/// in-use entry points exactly at "N 0 obj", that every stream's /Length matches its bytes, and walks the page tree.
/// </summary>
public static partial class PdfStructure
{
    public sealed record Image(int Width, int Height, string ColorSpace, byte[] Data);

    public static IReadOnlyList<Image> Validate(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF-1.", text);
        Assert.EndsWith("%%EOF\n", text);

        var startxref = text.LastIndexOf("startxref\n", StringComparison.Ordinal);
        Assert.True(startxref > 0, "startxref missing");
        var xrefOffset = long.Parse(text[(startxref + 10)..].Split('\n')[0]);
        Assert.Equal("xref\n", text.Substring((int)xrefOffset, 5));

        var lines = text[(int)xrefOffset..].Split('\n');
        var header = lines[1].Split(' ');
        Assert.Equal("0", header[0]);
        var size = int.Parse(header[1]);
        Assert.Equal("0000000000 65535 f ", lines[2]);
        var offsets = new Dictionary<int, int>();
        for (var n = 1; n < size; n++)
        {
            var entry = lines[2 + n];
            Assert.Matches(XrefEntry(), entry);
            Assert.EndsWith(" n ", entry);
            var offset = int.Parse(entry[..10]);
            Assert.True(text.AsSpan(offset).StartsWith($"{n} 0 obj\n"), $"xref entry {n} points at offset {offset}, which is not the object");
            offsets[n] = offset;
        }
        var trailer = text[text.IndexOf("trailer", (int)xrefOffset, StringComparison.Ordinal)..];
        Assert.Contains($"/Size {size}", trailer);
        var root = int.Parse(RootRef().Match(trailer).Groups[1].Value);

        string Object(int n) => text[offsets[n]..text.IndexOf("endobj", offsets[n], StringComparison.Ordinal)];

        Assert.Contains("/Type /Catalog", Object(root));
        var pagesRef = int.Parse(PagesRef().Match(Object(root)).Groups[1].Value);
        var pages = Object(pagesRef);
        var kids = KidRefs().Matches(pages[pages.IndexOf("/Kids", StringComparison.Ordinal)..]).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.Contains($"/Count {kids.Count}", pages);

        var images = new List<Image>();
        foreach (var kid in kids)
        {
            var page = Object(kid);
            Assert.Contains("/Type /Page ", page);
            Assert.Contains($"/Parent {pagesRef} 0 R", page);
            Assert.Matches(MediaBox(), page);
            var image = int.Parse(XObjectRef().Match(page).Groups[1].Value);
            var contents = int.Parse(ContentsRef().Match(page).Groups[1].Value);
            var (imageDictionary, imageData) = Stream(pdf, text, offsets[image]);
            Assert.Contains("/Subtype /Image", imageDictionary);
            Assert.Contains("/Filter /DCTDecode", imageDictionary);
            Assert.Equal([0xFF, 0xD8], imageData[..2]);
            var (_, drawing) = Stream(pdf, text, offsets[contents]);
            Assert.Matches(DrawImage(), Encoding.ASCII.GetString(drawing));
            images.Add(new Image(
                int.Parse(Number("Width").Match(imageDictionary).Groups[1].Value),
                int.Parse(Number("Height").Match(imageDictionary).Groups[1].Value),
                ColorSpaceName().Match(imageDictionary).Groups[1].Value,
                imageData));
        }
        return images;
    }

    private static (string Dictionary, byte[] Data) Stream(byte[] pdf, string text, int offset)
    {
        var start = text.IndexOf("stream\n", offset, StringComparison.Ordinal) + 7;
        var dictionary = text[offset..start];
        var length = int.Parse(Number("Length").Match(dictionary).Groups[1].Value);
        Assert.Equal("\nendstream", text.Substring(start + length, 10));
        return (dictionary, pdf[start..(start + length)]);
    }

    private static Regex Number(string key) => new($"/{key} (\\d+)");

    [GeneratedRegex(@"^\d{10} \d{5} [nf] $")] private static partial Regex XrefEntry();
    [GeneratedRegex(@"/Root (\d+) 0 R")] private static partial Regex RootRef();
    [GeneratedRegex(@"/Pages (\d+) 0 R")] private static partial Regex PagesRef();
    [GeneratedRegex(@"(\d+) 0 R")] private static partial Regex KidRefs();
    [GeneratedRegex(@"/MediaBox \[0 0 [\d.]+ [\d.]+\]")] private static partial Regex MediaBox();
    [GeneratedRegex(@"/XObject << /Im\d+ (\d+) 0 R")] private static partial Regex XObjectRef();
    [GeneratedRegex(@"/Contents (\d+) 0 R")] private static partial Regex ContentsRef();
    [GeneratedRegex(@"^q [\d.]+ 0 0 [\d.]+ [\d.]+ [\d.]+ cm /Im\d+ Do Q$")] private static partial Regex DrawImage();
    [GeneratedRegex(@"/ColorSpace /(\w+)")] private static partial Regex ColorSpaceName();
}
