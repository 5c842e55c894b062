using SkiaSharp;

namespace Municipal.IdentityVerification.Tests;

/// <summary>
/// Draws a specimen document the way a webcam frame shows it: the card held in front of a desk, turned by a few
/// degrees, slightly out of focus, with the low contrast of room light, sensor noise and JPEG compression. The
/// MRZ is set in OCR-B at the ICAO pitch (10 characters per inch, Doc 9303 part 3).
/// </summary>
public sealed record WebcamStill(
    double AngleDegrees = 2.5,
    float BlurSigma = 1.2f,
    double Contrast = 0.45,
    double NoiseSigma = 6,
    int JpegQuality = 70,
    int FrameWidth = 1280,
    int FrameHeight = 720,
    double CardShare = 0.72,
    int Seed = 1,
    string MrzFont = WebcamStill.OcrB)
{
    /// <summary>OCR-B itself, from Debian's fonts-ocr-b (scripts/lib/infra.sh installs it), as on real documents.</summary>
    public const string OcrB = "/usr/share/fonts/opentype/ocr-b/OCRB.otf";

    /// <summary>A plain monospace face, as on cards printed without OCR-B.</summary>
    public const string Monospace = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
    private const string SansFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    /// <summary>A card of the size the MRZ's line count and length imply (TD1 85.6 mm, TD2 105 mm, TD3 125 mm wide).</summary>
    public byte[] Card(string mrz) => Draw(mrz.Split('\n'));

    /// <summary>The same kind of card without a machine-readable zone (a driving licence, a library card).</summary>
    public byte[] CardWithoutMrz() => Draw([]);

    private byte[] Draw(string[] mrz)
    {
        var (widthMm, heightMm) = mrz.Length switch { 2 when mrz[0].Length == 44 => (125.0, 88.0), 2 => (105.0, 74.0), _ => (85.6, 54.0) };
        var pxPerMm = FrameWidth * CardShare / widthMm;
        var cardWidth = (float)(widthMm * pxPerMm);
        var cardHeight = (float)(heightMm * pxPerMm);
        float Mm(double mm) => (float)(mm * pxPerMm);

        using var bitmap = new SKBitmap(FrameWidth, FrameHeight, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var desk = new SKPaint
            {
                Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(FrameWidth, FrameHeight),
                    [new SKColor(92, 84, 76), new SKColor(58, 54, 50)], SKShaderTileMode.Clamp),
            };
            canvas.DrawRect(0, 0, FrameWidth, FrameHeight, desk);

            canvas.Translate(FrameWidth / 2f, FrameHeight / 2f);
            canvas.RotateDegrees((float)AngleDegrees);
            canvas.Translate(-cardWidth / 2, -cardHeight / 2);

            using var card = new SKPaint
            {
                IsAntialias = true,
                Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(cardWidth, cardHeight),
                    [new SKColor(236, 238, 230), new SKColor(214, 226, 232)], SKShaderTileMode.Clamp),
            };
            canvas.DrawRoundRect(0, 0, cardWidth, cardHeight, Mm(3), Mm(3), card);

            using var sans = SKTypeface.FromFile(SansFont);
            using var ink = new SKPaint { IsAntialias = true, Color = new SKColor(40, 44, 60) };
            using var faint = new SKPaint { IsAntialias = true, Color = new SKColor(120, 130, 150) };
            using var photo = new SKPaint { IsAntialias = true, Color = new SKColor(150, 150, 155) };
            using var title = new SKFont(sans, Mm(4));
            using var label = new SKFont(sans, Mm(2));
            using var value = new SKFont(sans, Mm(3));
            canvas.DrawText("UTOPIA  ·  IDENTITY DOCUMENT", Mm(5), Mm(7), SKTextAlign.Left, title, ink);
            // The photo and the fields end above the MRZ, as on a real card (ICAO keeps the zone clear).
            var clear = heightMm - 3 - mrz.Length * 4.6 - 3;
            canvas.DrawRect(Mm(5), Mm(11), Mm(22), Mm(Math.Min(28, clear - 11)), photo);
            var rows = new[] { ("Surname / Nom", "ERIKSSON"), ("Given names / Prénoms", "ANNA MARIA"), ("Date of birth", "12.08.1974"), ("Expiry", "15.04.2012") };
            for (var i = 0; i < rows.Length && 17 + i * 8 < clear; i++)
            {
                canvas.DrawText(rows[i].Item1, Mm(31), Mm(13 + i * 8), SKTextAlign.Left, label, faint);
                canvas.DrawText(rows[i].Item2, Mm(31), Mm(17 + i * 8), SKTextAlign.Left, value, ink);
            }

            // The MRZ's pitch is 2.54 mm: the size is chosen so one character advances exactly that far.
            using var ocrB = SKTypeface.FromFile(MrzFont) ?? throw new FileNotFoundException("The MRZ font is missing (Debian's fonts-ocr-b).", MrzFont);
            using var mrzFont = new SKFont(ocrB, 100);
            mrzFont.Size = 100 * Mm(2.54) / mrzFont.MeasureText("<");
            var lineHeight = Mm(4.6);
            var left = (cardWidth - (mrz.FirstOrDefault()?.Length ?? 0) * Mm(2.54)) / 2;
            for (var i = 0; i < mrz.Length; i++)
            {
                canvas.DrawText(mrz[i], left, cardHeight - Mm(3) - (mrz.Length - 1 - i) * lineHeight, SKTextAlign.Left, mrzFont, ink);
            }
        }

        using var blurred = new SKBitmap(FrameWidth, FrameHeight, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(blurred))
        using (var blur = new SKPaint { ImageFilter = SKImageFilter.CreateBlur(BlurSigma, BlurSigma) })
        {
            canvas.DrawImage(SKImage.FromBitmap(bitmap), 0, 0, SKSamplingOptions.Default, blur);
        }

        // Room light: the range shrinks around a mid grey; the sensor adds noise to every channel.
        var random = new Random(Seed);
        var pixels = blurred.Pixels;
        for (var i = 0; i < pixels.Length; i++)
        {
            var p = pixels[i];
            var n = Gaussian(random) * NoiseSigma;
            pixels[i] = new SKColor(Dim(p.Red, n), Dim(p.Green, n), Dim(p.Blue, n));
        }
        blurred.Pixels = pixels;

        using var image = SKImage.FromBitmap(blurred);
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
        return jpeg.ToArray();
    }

    private byte Dim(byte channel, double noise) => (byte)Math.Clamp(128 + (channel - 128) * Contrast + 10 + noise, 0, 255);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
