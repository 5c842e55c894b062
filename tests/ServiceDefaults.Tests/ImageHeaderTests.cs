using System.Buffers.Binary;
using Municipal.ServiceDefaults.Media;

namespace Municipal.ServiceDefaults.Tests;

/// <summary>
/// The one reader of a PNG's or JPEG's stated size (ImageHeader), which the ID check's OCR, the documents' intake and the
/// forms' signatures each had a copy of. Every file here is made by hand to the byte, lies and damage included.
/// </summary>
public sealed class ImageHeaderTests
{
    [Theory]
    [InlineData(1u, 1u)]
    [InlineData(620u, 877u)]
    [InlineData(30_000u, 30_000u)]
    [InlineData(100_000u, 100_000u)]
    [InlineData(int.MaxValue, int.MaxValue)]
    public void Reads_the_size_a_png_states_however_large(uint width, uint height)
    {
        var header = ImageHeader.Read(Png(width, height));
        Assert.Equal(new ImageHeader(ImageFormat.Png, (int)width, (int)height), header);
        Assert.Equal((long)width * height, header!.Pixels);
    }

    [Theory]
    [InlineData(0u, 10u)]
    [InlineData(10u, 0u)]
    [InlineData(0x8000_0000u, 10u)]
    [InlineData(10u, uint.MaxValue)]
    public void A_png_stating_a_side_of_zero_or_above_two_to_the_31_is_none(uint width, uint height) =>
        Assert.Null(ImageHeader.Read(Png(width, height)));

    [Fact]
    public void A_png_cut_anywhere_in_its_header_is_none()
    {
        var png = Png(800, 600);
        for (var length = 0; length < 33; length++) Assert.Null(ImageHeader.Read(png[..length]));
        Assert.NotNull(ImageHeader.Read(png[..33]));
    }

    [Fact]
    public void A_png_whose_signature_or_first_chunk_is_wrong_is_none()
    {
        for (var at = 0; at < 8; at++)
        {
            var png = Png(800, 600);
            png[at] ^= 0x20;
            Assert.Null(ImageHeader.Read(png));
        }
        // A chunk before IHDR (the specification puts IHDR first): its data is not taken for a size.
        var text = Chunk("tEXt", [.. "Title\0x"u8, 0, 0, 0x4E, 0x20, 0, 0, 0x4E, 0x20]);
        Assert.Null(ImageHeader.Read([.. Png(800, 600)[..8], .. text, .. Png(800, 600)[8..]]));
        // IHDR of another length.
        var longer = Png(800, 600);
        longer[11] = 14;
        Assert.Null(ImageHeader.Read(longer));
        var lower = Png(800, 600);
        lower[12] = (byte)'i';
        Assert.Null(ImageHeader.Read(lower));
    }

    [Fact]
    public void Reads_a_baseline_jpegs_frame_header()
    {
        var header = ImageHeader.Read(Jpeg(Sof(0xC0, 877, 620, components: 3)));
        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, 620, 877, new JpegFrame(0xC0, 8, 3, false)), header);
        Assert.True(header!.Jpeg!.HuffmanCoded);
        Assert.False(header.Jpeg.Progressive);
    }

    [Fact]
    public void Steps_over_every_segment_before_the_frame_header_whatever_it_holds()
    {
        // APP0, an APP1 of 60 kB (Exif with a thumbnail), DQT, DHT (C4, no frame), DAC (CC), JPG (C8), a comment,
        // fill bytes before a marker, a restart marker without a length; and in them bytes that look like a frame header.
        var lookalike = Sof(0xC0, 9999, 9999, components: 3)[2..];
        var header = ImageHeader.Read(Jpeg(
            Segment(0xE0, "JFIF\0\u0001\u0001\0\0\u0001\0\u0001\0\0"u8.ToArray()),
            Segment(0xE1, [.. "Exif\0\0"u8, .. new byte[60_000], .. lookalike]),
            Segment(0xDB, new byte[65]),
            Segment(0xC4, lookalike),
            Segment(0xCC, lookalike),
            Segment(0xC8, lookalike),
            Segment(0xFE, [.. lookalike, 0xFF, 0xC0]),
            [0xFF, 0xFF, 0xFF],
            [0xFF, 0xD3],
            Sof(0xC0, 480, 640, components: 1)));
        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, 640, 480, new JpegFrame(0xC0, 8, 1, false)), header);
    }

    [Theory]
    [InlineData(0xC1, true, false)]
    [InlineData(0xC2, true, true)]
    [InlineData(0xC3, false, false)]
    [InlineData(0xC6, false, true)]
    [InlineData(0xC9, false, false)]
    [InlineData(0xCA, false, true)]
    [InlineData(0xCF, false, false)]
    public void Reads_every_kind_of_frame_and_tells_which(int marker, bool huffman, bool progressive)
    {
        var frame = ImageHeader.Read(Jpeg(Segment(0xE0, new byte[14]), Sof((byte)marker, 1200, 1600, components: 3)))!.Jpeg!;
        Assert.Equal((marker, huffman, progressive), (frame.Marker, frame.HuffmanCoded, frame.Progressive));
    }

    [Fact]
    public void Reads_the_largest_size_a_jpeg_can_state_and_its_precision()
    {
        Assert.Equal(65535L * 65535, ImageHeader.Read(Jpeg(Sof(0xC0, 65535, 65535, components: 3)))!.Pixels);
        var twelveBit = Sof(0xC1, 10, 10, components: 1);
        twelveBit[4] = 12;
        Assert.Equal(12, ImageHeader.Read(Jpeg(twelveBit))!.Jpeg!.Precision);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 0)]
    public void A_jpeg_stating_a_side_of_zero_is_none(int height, int width) =>
        Assert.Null(ImageHeader.Read(Jpeg(Sof(0xC0, (ushort)height, (ushort)width, components: 3))));

    [Fact]
    public void Notes_an_adobe_segment_only_for_four_components()
    {
        var adobe = Segment(0xEE, [.. "Adobe"u8, 0, 100, 0, 0, 0, 0, 2]);
        Assert.True(ImageHeader.Read(Jpeg(adobe, Sof(0xC0, 10, 10, components: 4)))!.Jpeg!.AdobeInverted);
        Assert.False(ImageHeader.Read(Jpeg(adobe, Sof(0xC0, 10, 10, components: 3)))!.Jpeg!.AdobeInverted);
        Assert.False(ImageHeader.Read(Jpeg(Sof(0xC0, 10, 10, components: 4)))!.Jpeg!.AdobeInverted);
        Assert.False(ImageHeader.Read(Jpeg(Segment(0xEE, [.. "Adobf"u8, 0, 100]), Sof(0xC0, 10, 10, components: 4)))!.Jpeg!.AdobeInverted);
        // Too short to name Adobe: skipped like any segment.
        Assert.NotNull(ImageHeader.Read(Jpeg(Segment(0xEE, [1, 2]), Sof(0xC0, 10, 10, components: 4))));
    }

    [Fact]
    public void A_jpeg_cut_anywhere_before_its_frame_header_ends_is_none()
    {
        var jpeg = Jpeg(Segment(0xE0, new byte[14]), Segment(0xDB, new byte[65]), Sof(0xC0, 480, 640, components: 3));
        // The frame header's last byte read is its component count; the scan (14 bytes) and the components' 9 follow.
        var frameEnd = jpeg.Length - 14 - 9;
        for (var length = 0; length < frameEnd; length++) Assert.Null(ImageHeader.Read(jpeg[..length]));
        Assert.NotNull(ImageHeader.Read(jpeg[..frameEnd]));
    }

    [Fact]
    public void A_jpeg_without_a_frame_header_before_its_scan_or_end_is_none()
    {
        Assert.Null(ImageHeader.Read(Jpeg(Segment(0xE0, new byte[14]), Segment(0xDA, new byte[10]), Sof(0xC0, 10, 10, components: 3))));
        Assert.Null(ImageHeader.Read(Jpeg([0xFF, 0xD9], Sof(0xC0, 10, 10, components: 3))));
        Assert.Null(ImageHeader.Read(Jpeg([0xFF, 0xD8], Sof(0xC0, 10, 10, components: 3))));
        Assert.Null(ImageHeader.Read(Jpeg(Segment(0xE0, new byte[14]))));
    }

    [Fact]
    public void A_jpeg_whose_segments_do_not_chain_is_none()
    {
        // A stray byte where the next marker belongs, a stuffed zero, a length below its own two bytes, a frame too short.
        Assert.Null(ImageHeader.Read(Jpeg(Segment(0xE0, new byte[14]), [0x00], Sof(0xC0, 10, 10, components: 3))));
        Assert.Null(ImageHeader.Read(Jpeg([0xFF, 0x00], Sof(0xC0, 10, 10, components: 3))));
        Assert.Null(ImageHeader.Read(Jpeg([0xFF, 0xE0, 0x00, 0x01], Sof(0xC0, 10, 10, components: 3))));
        Assert.Null(ImageHeader.Read(Jpeg([0xFF, 0xC0, 0x00, 0x07, 8, 0, 10, 0, 10])));
        // A segment whose length runs past the end.
        Assert.Null(ImageHeader.Read(Jpeg([0xFF, 0xE1, 0xFF, 0xFF, 1, 2, 3])));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0 })]
    [InlineData(new byte[] { 0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0 })]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D })]
    [InlineData(new byte[] { 0xFF, 0xD9, 0xFF, 0xC0, 0, 11, 8, 0, 10, 0, 10, 1, 1, 0x11, 0 })]
    public void Anything_but_a_png_or_jpeg_is_none(byte[] file) => Assert.Null(ImageHeader.Read(file));

    [Fact]
    public void A_stream_that_cannot_seek_reads_the_same()
    {
        var jpeg = Jpeg(Segment(0xE1, new byte[5000]), Segment(0xEE, [.. "Adobe"u8, 0]), Sof(0xC2, 300, 200, components: 4));
        Assert.Equal(ImageHeader.Read(jpeg), ImageHeader.Read(new ForwardOnly(jpeg)));
        Assert.Equal(new JpegFrame(0xC2, 8, 4, true), ImageHeader.Read(new ForwardOnly(jpeg))!.Jpeg);
        Assert.Null(ImageHeader.Read(new ForwardOnly(jpeg[..4000])));
        Assert.Equal(ImageHeader.Read(Png(7, 9)), ImageHeader.Read(new ForwardOnly(Png(7, 9))));
    }

    /// <summary>A PNG's signature and IHDR chunk, then an empty IDAT and IEND (the CRCs left zero: nothing reads them).</summary>
    private static byte[] Png(uint width, uint height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", []), .. Chunk("IEND", [])];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        System.Text.Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        data.CopyTo(chunk, 8);
        return chunk;
    }

    /// <summary>SOI, the given pieces, a scan and EOI.</summary>
    private static byte[] Jpeg(params byte[][] pieces) =>
        [0xFF, 0xD8, .. pieces.SelectMany(p => p), .. Segment(0xDA, [1, 1, 0, 0, 63, 0]), 0x12, 0x34, 0xFF, 0xD9];

    private static byte[] Segment(byte marker, byte[] data)
    {
        var segment = new byte[4 + data.Length];
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(data.Length + 2));
        data.CopyTo(segment, 4);
        return segment;
    }

    /// <summary>A frame header: precision 8, the lines and samples per line, then three bytes per component.</summary>
    private static byte[] Sof(byte marker, ushort height, ushort width, byte components)
    {
        var data = new byte[6 + 3 * components];
        data[0] = 8;
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(1), height);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(3), width);
        data[5] = components;
        for (var c = 0; c < components; c++) (data[6 + 3 * c], data[7 + 3 * c]) = ((byte)(c + 1), 0x11);
        return Segment(marker, data);
    }

    private sealed class ForwardOnly(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }
}
