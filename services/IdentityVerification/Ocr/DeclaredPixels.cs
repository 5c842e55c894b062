using System.Buffers.Binary;

namespace Municipal.IdentityVerification.Ocr;

/// <summary>
/// How many pixels a PNG or JPEG says it has, read from its header: a decoder allocates that before it reads a pixel.
/// A still of 875 kB (a PNG of zeros) may say 30 000 × 30 000, which OpenCV decoded into 900 MB and then searched for
/// an MRZ band.
/// </summary>
public static class DeclaredPixels
{
    /// <summary>Width times height from the PNG's IHDR or the JPEG's frame header; null when neither is found.</summary>
    public static long? Of(ReadOnlySpan<byte> image)
    {
        if (image.Length >= 24 && image[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            && image[12..16].SequenceEqual("IHDR"u8))
        {
            return (long)BinaryPrimitives.ReadUInt32BigEndian(image[16..20]) * BinaryPrimitives.ReadUInt32BigEndian(image[20..24]);
        }
        if (image.Length < 4 || image[0] != 0xFF || image[1] != 0xD8) return null;
        // The marker segments up to the first frame header (SOF0–SOF15 but DHT, JPG and DAC).
        var at = 2;
        while (at + 4 <= image.Length)
        {
            if (image[at] != 0xFF) return null;
            var marker = image[at + 1];
            if (marker == 0xFF) { at++; continue; }
            if (marker is 0x01 or >= 0xD0 and <= 0xD7) { at += 2; continue; }
            if (marker is 0xD9 or 0xDA) return null;
            var length = BinaryPrimitives.ReadUInt16BigEndian(image[(at + 2)..]);
            if (length < 2 || at + 2 + length > image.Length) return null;
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (length < 8) return null;
                var height = BinaryPrimitives.ReadUInt16BigEndian(image[(at + 5)..]);
                var width = BinaryPrimitives.ReadUInt16BigEndian(image[(at + 7)..]);
                return (long)width * height;
            }
            at += 2 + length;
        }
        return null;
    }
}
