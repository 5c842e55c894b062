using System.Buffers.Binary;

namespace Municipal.Form.Signing;

/// <summary>
/// The size a PNG declares in its IHDR chunk. A signature of a few hundred bytes can declare 100 000 × 100 000 pixels;
/// the PDF printer (Chromium) would try to decode that into gigabytes, so the size is checked before the image is kept.
/// </summary>
public static class PngHeader
{
    /// <summary>The largest side a signature pad produces is its width times the device pixel ratio (about 3 000).</summary>
    public const int MaxSide = 4096;

    /// <summary>At most 8 million pixels: 32 MB once decoded.</summary>
    public const long MaxPixels = 8L * 1024 * 1024;

    private static ReadOnlySpan<byte> Magic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> Ihdr => "IHDR"u8;

    /// <summary>Width and height from the first chunk, which a valid PNG requires to be IHDR of 13 bytes; null when it is not.</summary>
    public static (int Width, int Height)? Size(ReadOnlySpan<byte> png)
    {
        if (png.Length < 33 || !png[..8].SequenceEqual(Magic)) return null;
        if (BinaryPrimitives.ReadUInt32BigEndian(png[8..12]) != 13 || !png[12..16].SequenceEqual(Ihdr)) return null;
        var width = BinaryPrimitives.ReadUInt32BigEndian(png[16..20]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(png[20..24]);
        // The PNG specification allows up to 2^31 - 1 on each side; anything above is not a PNG.
        if (width is 0 or > int.MaxValue || height is 0 or > int.MaxValue) return null;
        return ((int)width, (int)height);
    }

    /// <summary>Whether a PNG of this size is small enough to print.</summary>
    public static bool Printable((int Width, int Height) size) =>
        size.Width <= MaxSide && size.Height <= MaxSide && (long)size.Width * size.Height <= MaxPixels;
}
