using System.Buffers.Binary;

namespace Municipal.DocumentIntake.Inspection;

/// <summary>What a PDF needs to embed a JPEG as it is (DCTDecode): size and colour components, from the frame header.</summary>
public sealed record JpegInfo(int Width, int Height, int Components, bool AdobeInverted, int Marker = 0xC0, int Precision = 8)
{
    /// <summary>The frame header when the file is a well-formed JPEG of 8-bit samples in 1, 3 or 4 components; else null.</summary>
    public static JpegInfo? Read(Stream stream) =>
        ReadFrame(stream) is { Width: > 0, Height: > 0, Components: 1 or 3 or 4, Precision: 8 } info ? info : null;

    /// <summary>Walks the marker segments up to the frame header, whatever kind of frame it is; null without one.</summary>
    public static JpegInfo? ReadFrame(Stream stream)
    {
        Span<byte> two = stackalloc byte[2];
        if (!ReadExactly(stream, two) || two[0] != 0xFF || two[1] != 0xD8) return null;
        var adobe = false;
        while (true)
        {
            int marker;
            do { marker = stream.ReadByte(); } while (marker == 0xFF);
            if (marker < 0) return null;
            if (marker is 0x01 or >= 0xD0 and <= 0xD7) continue;
            if (marker is 0xD9 or 0xDA) return null; // end of image or scan data before any frame header
            if (!ReadExactly(stream, two)) return null;
            var length = BinaryPrimitives.ReadUInt16BigEndian(two);
            if (length < 2) return null;
            var segment = new byte[length - 2];
            if (!ReadExactly(stream, segment)) return null;

            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (segment.Length < 6) return null;
                var height = BinaryPrimitives.ReadUInt16BigEndian(segment.AsSpan(1));
                var width = BinaryPrimitives.ReadUInt16BigEndian(segment.AsSpan(3));
                var components = segment[5];
                return new JpegInfo(width, height, components, adobe && components == 4, marker, segment[0]);
            }
            if (marker == 0xEE && segment.AsSpan().StartsWith("Adobe"u8)) adobe = true;
        }
    }

    /// <summary>
    /// Huffman-coded baseline, extended or progressive frames (SOF0–SOF2): what a PDF's DCTDecode carries and every
    /// viewer shows. A lossless (SOF3) or arithmetic-coded (SOF9 …) JPEG merged by the kiosk rendered as a blank page,
    /// and the scan it was made from was gone (outside probe).
    /// </summary>
    public bool Embeddable => Marker is 0xC0 or 0xC1 or 0xC2;

    public string ColorSpace => Components switch { 1 => "/DeviceGray", 4 => "/DeviceCMYK", _ => "/DeviceRGB" };

    private static bool ReadExactly(Stream stream, Span<byte> buffer)
    {
        try { stream.ReadExactly(buffer); return true; }
        catch (EndOfStreamException) { return false; }
    }
}
