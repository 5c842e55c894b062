using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Municipal.IdentityVerification.Mrz;
using Municipal.IdentityVerification.Ocr;
using Municipal.IdentityVerification.Retention;
using Municipal.ServiceDefaults.Media;
using Municipal.Testing;

namespace Municipal.IdentityVerification.Tests;

/// <summary>Tesseract reads an MRZ from a JPEG such as a browser's canvas makes of a video frame.</summary>
public class MrzOcrTests(Browser browser) : IClassFixture<Browser>
{
    private static readonly MrzOcr Ocr = new(new ConfigurationBuilder().AddInMemoryCollection([new("Identity:OcrTimeoutSeconds", "120")]).Build(), NullLogger<MrzOcr>.Instance);

    private async Task<byte[]> RenderAsync(string[] lines)
    {
        await using var context = await browser.NewPartyAsync();
        var page = await context.NewPageAsync();
        var dataUrl = await page.EvaluateAsync<string>("""
            lines => {
              const canvas = document.createElement('canvas');
              canvas.width = 1400; canvas.height = 120 + lines.length * 80;
              const g = canvas.getContext('2d');
              g.fillStyle = '#f4f1ea'; g.fillRect(0, 0, canvas.width, canvas.height);
              g.fillStyle = '#111'; g.font = '44px "DejaVu Sans Mono", monospace';
              lines.forEach((line, i) => g.fillText(line, 30, 90 + i * 80));
              return canvas.toDataURL('image/jpeg', 0.9);
            }
            """, lines);
        return Convert.FromBase64String(dataUrl[(dataUrl.IndexOf(',') + 1)..]);
    }

    [Fact]
    public async Task A_passport_mrz_is_read_from_a_jpeg()
    {
        var image = await RenderAsync(Specimens.Td3.Split('\n'));
        var text = await Ocr.ReadAsync(image, CancellationToken.None);
        Assert.Equal(Specimens.Td3, text);
        Assert.True(MrzParser.Parse(text, new DateOnly(2010, 1, 1)).Document!.Valid);
    }

    [Fact]
    public async Task A_picture_without_an_mrz_gives_no_suggestion()
    {
        var image = await RenderAsync(["Stadt Witten", "Bürgerbüro"]);
        Assert.Null(await Ocr.ReadAsync(image, CancellationToken.None));
    }

    /// <summary>
    /// Outside probe, 2026-12-06: a still of under 1 MB, a PNG of zeros saying 30 000 × 30 000 pixels (what any clerk's
    /// still upload takes), was decoded into 900 MB before an MRZ was looked for; a JPEG header may say as much. Such a
    /// still gives no suggestion, without being decoded.
    /// </summary>
    [Fact]
    public async Task A_still_saying_more_pixels_than_a_camera_makes_is_not_decoded()
    {
        var bomb = ZeroPng(30_000, 30_000);
        Assert.True(bomb.Length < StillPolicy.MaxBytes, $"{bomb.Length} bytes");
        Assert.Equal(900_000_000L, ImageHeader.Read(bomb)?.Pixels);
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var before = process.PeakWorkingSet64;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Null(await Ocr.ReadAsync(bomb, CancellationToken.None));
        process.Refresh();
        Assert.True(process.PeakWorkingSet64 - before < 300L << 20, $"Reading the still took {(process.PeakWorkingSet64 - before) >> 20} MB.");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"Reading the still took {watch.Elapsed}.");

        // A JPEG's frame header (SOF0) after an APP0 segment, saying 30 000 × 30 000.
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x75, 0x30, 0x75, 0x30, 0x01, 0x01, 0x11, 0x00, 0xFF, 0xD9];
        Assert.Equal(900_000_000L, ImageHeader.Read(jpeg)?.Pixels);
        Assert.Null(await Ocr.ReadAsync(jpeg, CancellationToken.None));
        Assert.Equal(1400L * 280, ImageHeader.Read(await RenderAsync(["P<UTO", "L898902C36"]))?.Pixels);
    }

    /// <summary>A grey PNG of zeros, compressed as PNG does (under 1 kB per megapixel).</summary>
    private static byte[] ZeroPng(int width, int height)
    {
        static void Chunk(Stream to, string type, byte[] data)
        {
            Span<byte> number = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
            to.Write(number);
            var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            to.Write(typed);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
            to.Write(number);
        }
        using var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[width + 1];
            for (var y = 0; y < height; y++) zlib.Write(row);
        }
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // eight bits, grey (colour type 0)
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>PNG's chunk checksum (ISO 3309 CRC-32), which a decoder checks before it reads the header.</summary>
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    [Fact]
    public void Dropped_trailing_fillers_are_restored()
    {
        var recognised = "noise line\nP<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n";
        Assert.Equal(Specimens.Td3, MrzOcr.Extract(recognised));
    }
}
