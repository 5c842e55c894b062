using System.Buffers.Binary;
using Municipal.ServiceDefaults.Media;

namespace Municipal.DocumentIntake.Inspection;

/// <summary>
/// The pixels an image's header states, which a viewer allocates before it decodes a byte: a 74-byte PNG stating
/// 100000×100000 and a 389 KB one of 20000×20000 (1.6 GB in a browser) were stored as clean and shown inline to staff
/// (outside probe). Read from the header only, so a lie in it counts as much as the truth: a PNG's or JPEG's by
/// <see cref="ImageHeader"/>, a TIFF's (of many pages, which only documents take) here.
/// </summary>
public static class ImageSize
{
    // A TIFF with more pages than this is no scan: its directories are not followed further.
    private const int MaxTiffPages = 10_000;

    /// <summary>The pixels of the largest image (a TIFF's largest page) in the file, or null when its header cannot be read.</summary>
    public static long? LargestPixels(Stream stream, FileKind kind)
    {
        if (kind == FileKind.Png || kind == FileKind.Jpeg) return ImageHeader.Read(stream)?.Pixels;
        if (kind == FileKind.Tiff) return Tiff(stream);
        return 0;
    }

    /// <summary>Every image file directory in turn (TIFF 6.0, section 2): tags 256 (width) and 257 (length).</summary>
    private static long? Tiff(Stream stream)
    {
        Span<byte> header = stackalloc byte[8];
        if (stream.ReadAtLeast(header, 8, throwOnEndOfStream: false) < 8) return null;
        var little = header[0] == 'I';
        uint U32(ReadOnlySpan<byte> b) => little ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);
        ushort U16(ReadOnlySpan<byte> b) => little ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);

        long largest = 0;
        var seen = new HashSet<uint>();
        Span<byte> entry = stackalloc byte[12];
        Span<byte> two = stackalloc byte[2];
        for (var offset = U32(header[4..]); offset != 0; )
        {
            // A directory named twice would be read forever, as readers know: the pages end there.
            if (!seen.Add(offset) || seen.Count > MaxTiffPages) break;
            if (offset + 2L > stream.Length) return null;
            stream.Position = offset;
            if (stream.ReadAtLeast(two, 2, throwOnEndOfStream: false) < 2) return null;
            long width = -1, height = -1;
            for (var n = U16(two); n > 0; n--)
            {
                if (stream.ReadAtLeast(entry, 12, throwOnEndOfStream: false) < 12) return null;
                var tag = U16(entry);
                // SHORT (3) sits in the value field's first two bytes, LONG (4) fills it.
                long value = U16(entry[2..]) switch { 3 => U16(entry[8..]), 4 => U32(entry[8..]), _ => -1 };
                if (tag == 256) width = value;
                else if (tag == 257) height = value;
            }
            if (width < 0 || height < 0) return null;
            largest = Math.Max(largest, width * height);
            if (stream.ReadAtLeast(entry[..4], 4, throwOnEndOfStream: false) < 4) return null;
            offset = U32(entry[..4]);
        }
        return largest;
    }
}
