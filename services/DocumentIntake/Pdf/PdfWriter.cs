using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Municipal.ServiceDefaults.Media;

namespace Municipal.DocumentIntake.Pdf;

/// <summary>
/// Combines JPEG pages into one PDF 1.4: each page is A4 (turned to landscape for a landscape image) with the image
/// scaled to fit and centred, embedded unchanged with DCTDecode. The images are copied through a small buffer, so a
/// large page count does not grow memory. Cross-reference offsets are counted as written.
/// </summary>
public static class PdfWriter
{
    private const double A4Short = 595.28, A4Long = 841.89;

    /// <summary>A JPEG file and its header (<see cref="ImageHeader.Jpeg"/> set): it is embedded as it is.</summary>
    public sealed record Page(string Path, ImageHeader Info);

    public sealed record Result(long Length, string Sha256);

    private static string ColorSpace(JpegFrame frame) => frame.Components switch { 1 => "/DeviceGray", 4 => "/DeviceCMYK", _ => "/DeviceRGB" };

    public static async Task<Result> WriteAsync(IReadOnlyList<Page> pages, Stream output, DateTimeOffset created, CancellationToken ct)
    {
        if (pages.Count == 0) throw new ArgumentException("A PDF needs at least one page.", nameof(pages));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var writer = new Writer(output, hash);
        var offsets = new List<long>();
        var objectCount = 3 + pages.Count * 3;

        await writer.WriteAsync("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n", ct);
        offsets.Add(writer.Position);
        await writer.WriteAsync("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n", ct);
        offsets.Add(writer.Position);
        var kids = string.Join(' ', Enumerable.Range(0, pages.Count).Select(i => $"{PageObject(i)} 0 R"));
        await writer.WriteAsync($"2 0 obj\n<< /Type /Pages /Kids [{kids}] /Count {pages.Count} >>\nendobj\n", ct);
        offsets.Add(writer.Position);
        var date = created.ToUniversalTime().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        await writer.WriteAsync($"3 0 obj\n<< /Producer (Municipal document intake) /CreationDate (D:{date}Z) >>\nendobj\n", ct);

        for (var i = 0; i < pages.Count; i++)
        {
            var (page, info) = (pages[i], pages[i].Info);
            var frame = info.Jpeg ?? throw new ArgumentException("Only JPEG pages are embedded.", nameof(pages));
            var landscape = info.Width > info.Height;
            var (pageWidth, pageHeight) = landscape ? (A4Long, A4Short) : (A4Short, A4Long);
            var scale = Math.Min(pageWidth / info.Width, pageHeight / info.Height);
            var (drawWidth, drawHeight) = (info.Width * scale, info.Height * scale);
            var (x, y) = ((pageWidth - drawWidth) / 2, (pageHeight - drawHeight) / 2);

            offsets.Add(writer.Position);
            await writer.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"{PageObject(i)} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pageWidth:0.##} {pageHeight:0.##}] " +
                $"/Resources << /XObject << /Im{i} {PageObject(i) + 1} 0 R >> /ProcSet [/PDF /ImageB /ImageC] >> /Contents {PageObject(i) + 2} 0 R >>\nendobj\n"), ct);

            offsets.Add(writer.Position);
            var length = new FileInfo(page.Path).Length;
            var decode = frame.AdobeInverted ? " /Decode [1 0 1 0 1 0 1 0]" : "";
            await writer.WriteAsync($"{PageObject(i) + 1} 0 obj\n<< /Type /XObject /Subtype /Image /Width {info.Width} /Height {info.Height} " +
                $"/ColorSpace {ColorSpace(frame)} /BitsPerComponent 8 /Filter /DCTDecode{decode} /Length {length} >>\nstream\n", ct);
            await using (var image = new FileStream(page.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan))
            {
                await writer.CopyFromAsync(image, ct);
            }
            await writer.WriteAsync("\nendstream\nendobj\n", ct);

            offsets.Add(writer.Position);
            var content = string.Create(CultureInfo.InvariantCulture, $"q {drawWidth:0.###} 0 0 {drawHeight:0.###} {x:0.###} {y:0.###} cm /Im{i} Do Q");
            await writer.WriteAsync($"{PageObject(i) + 2} 0 obj\n<< /Length {Encoding.ASCII.GetByteCount(content)} >>\nstream\n{content}\nendstream\nendobj\n", ct);
        }

        var xref = writer.Position;
        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"xref\n0 {objectCount + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) table.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objectCount + 1} /Root 1 0 R /Info 3 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        await writer.WriteAsync(table.ToString(), ct);
        await output.FlushAsync(ct);
        return new Result(writer.Position, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    // Objects 1–3 are the catalog, the page tree and the info; each page then takes three: page, image, content.
    private static int PageObject(int index) => 4 + index * 3;

    private sealed class Writer(Stream output, IncrementalHash hash)
    {
        public long Position { get; private set; }

        public async Task WriteAsync(string text, CancellationToken ct)
        {
            // Latin-1 keeps the binary marker in the header as four bytes above 127, as the PDF specification suggests.
            var bytes = Encoding.Latin1.GetBytes(text);
            await WriteAsync(bytes, ct);
        }

        public async Task CopyFromAsync(Stream source, CancellationToken ct)
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0) await WriteAsync(buffer.AsMemory(0, read), ct);
        }

        private async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
        {
            hash.AppendData(bytes.Span);
            await output.WriteAsync(bytes, ct);
            Position += bytes.Length;
        }
    }
}
