using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Municipal.IdentityVerification.Mrz;
using Municipal.IdentityVerification.Ocr;
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

    [Fact]
    public void Dropped_trailing_fillers_are_restored()
    {
        var recognised = "noise line\nP<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n";
        Assert.Equal(Specimens.Td3, MrzOcr.Extract(recognised));
    }
}
