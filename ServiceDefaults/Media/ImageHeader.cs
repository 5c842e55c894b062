using System.Buffers.Binary;

namespace Municipal.ServiceDefaults.Media;

/// <summary>
/// The size a PNG or JPEG states in its header, read without decoding a pixel. A decoder allocates that size before it
/// reads the image, and a header can lie: a PNG of 74 bytes stated 100 000 × 100 000 pixels (the documents' viewer),
/// a still of 875 kB stated 30 000 × 30 000 (OpenCV decoded 900 MB), a signature of a few hundred bytes would have been
/// printed by Chromium into gigabytes. Each caller sets its own limit on what is stated; this only reads it, once for all.
/// </summary>
public sealed record ImageHeader(ImageFormat Format, int Width, int Height, JpegFrame? Jpeg = null)
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Width times height: what a decoder allocates per sample.</summary>
    public long Pixels => (long)Width * Height;

    /// <summary>The header of an image held in memory; null when it is no PNG or JPEG whose header can be read.</summary>
    public static ImageHeader? Read(byte[] image) => Read(new MemoryStream(image, writable: false));

    /// <summary>
    /// The header of the image the stream begins with, read forward from where it stands; null when it is no PNG or JPEG,
    /// when the header is cut short or malformed, or when it states a side of zero (or, in a PNG, above 2³¹ − 1).
    /// </summary>
    public static ImageHeader? Read(Stream stream)
    {
        Span<byte> start = stackalloc byte[2];
        if (!TryRead(stream, start)) return null;
        if (start[0] == 0x89 && start[1] == 0x50) return ReadPng(stream);
        if (start[0] == 0xFF && start[1] == 0xD8) return ReadJpeg(stream);
        return null;
    }

    /// <summary>
    /// The signature, then the first chunk, which must be IHDR of 13 bytes (ISO 15948, 5.6 and 11.2.2): width and height
    /// first, each at most 2³¹ − 1 and not zero.
    /// </summary>
    private static ImageHeader? ReadPng(Stream stream)
    {
        // The signature's last six bytes, the chunk's length and type, its 13 bytes of data and its CRC.
        Span<byte> header = stackalloc byte[6 + 8 + 13 + 4];
        if (!TryRead(stream, header) || !header[..6].SequenceEqual(PngSignature[2..])) return null;
        if (BinaryPrimitives.ReadUInt32BigEndian(header[6..]) != 13 || !header[10..14].SequenceEqual("IHDR"u8)) return null;
        var width = BinaryPrimitives.ReadUInt32BigEndian(header[14..]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(header[18..]);
        if (width is 0 or > int.MaxValue || height is 0 or > int.MaxValue) return null;
        return new ImageHeader(ImageFormat.Png, (int)width, (int)height);
    }

    /// <summary>
    /// The marker segments after SOI up to the first frame header (ITU T.81, B.1.1 and B.2.2): fill bytes and the
    /// segments without a length are stepped over, the others skipped by their length; an Adobe APP14 segment is noted.
    /// Scan data or the end of the image before a frame header means there is none.
    /// </summary>
    private static ImageHeader? ReadJpeg(Stream stream)
    {
        Span<byte> two = stackalloc byte[2];
        Span<byte> frame = stackalloc byte[6];
        Span<byte> adobe = stackalloc byte[5];
        var adobeInverted = false;
        // Each turn reads at least two bytes: the walk ends with the stream.
        while (true)
        {
            if (stream.ReadByte() != 0xFF) return null;
            int marker;
            do { marker = stream.ReadByte(); } while (marker == 0xFF);
            if (marker < 0 || marker == 0x00) return null;
            if (marker is 0x01 or >= 0xD0 and <= 0xD7) continue;
            if (marker is 0xD8 or 0xD9 or 0xDA) return null;
            if (!TryRead(stream, two)) return null;
            var length = BinaryPrimitives.ReadUInt16BigEndian(two) - 2;
            if (length < 0) return null;

            // SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC).
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (length < frame.Length || !TryRead(stream, frame)) return null;
                var height = BinaryPrimitives.ReadUInt16BigEndian(frame[1..]);
                var width = BinaryPrimitives.ReadUInt16BigEndian(frame[3..]);
                if (width == 0 || height == 0) return null;
                var components = frame[5];
                return new ImageHeader(ImageFormat.Jpeg, width, height,
                    new JpegFrame(marker, frame[0], components, adobeInverted && components == 4));
            }
            if (marker == 0xEE && length >= adobe.Length)
            {
                if (!TryRead(stream, adobe)) return null;
                adobeInverted |= adobe.SequenceEqual("Adobe"u8);
                length -= adobe.Length;
            }
            if (!Skip(stream, length)) return null;
        }
    }

    private static bool TryRead(Stream stream, Span<byte> buffer) =>
        stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) == buffer.Length;

    /// <summary>Steps over a segment's bytes; false when the stream ends first.</summary>
    private static bool Skip(Stream stream, int count)
    {
        if (stream.CanSeek)
        {
            if (stream.Position + count > stream.Length) return false;
            stream.Seek(count, SeekOrigin.Current);
            return true;
        }
        Span<byte> buffer = stackalloc byte[512];
        while (count > 0)
        {
            var read = stream.Read(buffer[..Math.Min(count, buffer.Length)]);
            if (read == 0) return false;
            count -= read;
        }
        return true;
    }
}
