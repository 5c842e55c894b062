using System.Security.Cryptography;
using Municipal.DocumentIntake.Inspection;
using Municipal.DocumentIntake.Pdf;
using Municipal.ServiceDefaults.Media;

namespace Municipal.DocumentIntake.Tests;

public class PdfWriterTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pdfwriter").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private PdfWriter.Page Page(byte[] jpeg)
    {
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, jpeg);
        using var stream = File.OpenRead(path);
        return new PdfWriter.Page(path, ImageHeader.Read(stream) ?? throw new InvalidOperationException("not a JPEG"));
    }

    [Fact]
    public async Task Writes_one_page_per_image_with_exact_cross_references()
    {
        var output = new MemoryStream();
        var result = await PdfWriter.WriteAsync([Page(Files.Page1), Page(Files.Page2), Page(Files.Page1)], output, DateTimeOffset.UtcNow, default);
        var pdf = output.ToArray();

        Assert.Equal(pdf.Length, result.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), result.Sha256);
        var images = PdfStructure.Validate(pdf);
        Assert.Equal(3, images.Count);
        Assert.Equal((620, 877, "DeviceRGB"), (images[0].Width, images[0].Height, images[0].ColorSpace));
        Assert.Equal((877, 620), (images[1].Width, images[1].Height));
        // The JPEG is embedded byte for byte.
        Assert.Equal(Files.Page1, images[0].Data);
        Assert.Equal(Files.Page2, images[1].Data);
    }

    [Fact]
    public async Task Turns_the_page_for_a_landscape_image_and_passes_its_own_content_check()
    {
        var output = new MemoryStream();
        await PdfWriter.WriteAsync([Page(Files.Page2)], output, DateTimeOffset.UtcNow, default);
        var text = System.Text.Encoding.Latin1.GetString(output.ToArray());
        Assert.Contains("/MediaBox [0 0 841.89 595.28]", text);

        var inspector = new ContentInspector();
        inspector.Append(output.ToArray());
        Assert.Equal((FileKind.Pdf, null), inspector.Decide());
    }

    /// <summary>A scan as the kiosk sends it; damaged and lying headers are ImageHeaderTests' (ServiceDefaults).</summary>
    [Fact]
    public void Reads_a_scans_frame_header()
    {
        var info = ImageHeader.Read(Files.Page1);
        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, 620, 877, new JpegFrame(0xC0, 8, 3, false)), info);
    }
}
