using System.IO.Compression;

namespace Municipal.DocumentIntake.Inspection;

/// <summary>
/// One stream of a PDF that may be zlib data, inflated as its bytes arrive: a few hundred bytes at a time until its
/// start shows whether it is an object stream, then, if it is, to its end, each piece searched for active content.
/// Its end is where zlib's data ends, not where the file says "endstream": a reader inflates no further, and a made-up
/// "endstream" inside the data cannot end it early.
/// </summary>
internal sealed class PdfFlateStream(long start) : IDisposable
{
    public enum Verdict { Open, Done, ActiveContent, TooLarge }

    // An object stream's table of numbers is longer than this only with a thousand objects or more: taken for one.
    private const int HeadLength = 16 * 1024;
    private const int ProbeSize = 256;
    private const int PieceSize = 64 * 1024;

    private readonly Feeder input = new();
    private ZLibStream? zlib;
    private byte[] head = [];
    private int headLength;
    private bool? objectStream;
    private byte[]? piece;
    private readonly byte[] probe = new byte[ProbeSize];
    private readonly byte[] seam = new byte[ContentInspector.Overlap];
    private int seamLength;
    private byte[] joined = [];
    private long total, counted;

    /// <summary>Where the stream's bytes begin in the file (the line end after "stream" is skipped here).</summary>
    public long Start { get; } = start;

    /// <summary>Bytes inflated since last asked, for the file's bound.</summary>
    public long TakeInflated()
    {
        var taken = total - counted;
        counted = total;
        return taken;
    }

    public Verdict Feed(ReadOnlySpan<byte> data, long allowance)
    {
        if (zlib is null)
        {
            while (input.Count == 0 && data.Length > 0 && data[0] is (byte)'\r' or (byte)'\n') data = data[1..];
            input.Add(data);
            if (input.Count < 2) return Verdict.Open;
            // A zlib header (RFC 1950 2.2), as a reader checks it: anything else is no Flate data and no object stream here.
            var (cmf, flg) = input.FirstTwo();
            if ((cmf & 0x0F) != 8 || cmf >> 4 > 7 || ((cmf << 8) | flg) % 31 != 0 || (flg & 0x20) != 0) return Verdict.Done;
            zlib = new ZLibStream(input, CompressionMode.Decompress);
        }
        else input.Add(data);
        return Inflate(allowance);
    }

    /// <summary>The file ended: judged by what it inflated to.</summary>
    public Verdict Complete()
    {
        if (zlib is null) return Verdict.Done;
        var verdict = Inflate(long.MaxValue);
        return verdict == Verdict.Open ? Finish() : verdict;
    }

    public void Dispose() => zlib?.Dispose();

    private Verdict Inflate(long allowance)
    {
        try
        {
            while (true)
            {
                var buffer = objectStream == true ? piece ??= new byte[PieceSize] : probe;
                var read = zlib!.Read(buffer);
                if (read == 0) break;
                total += read;
                if (total - counted > allowance || total > PdfStreams.MaxInflatedPerStream) return Verdict.TooLarge;
                if (objectStream == true)
                {
                    if (Search(buffer.AsSpan(0, read))) return Verdict.ActiveContent;
                    continue;
                }
                KeepHead(buffer.AsSpan(0, read));
                var looks = LooksLikeObjectStream(head.AsSpan(0, headLength), complete: false) ?? (headLength >= HeadLength ? true : null);
                if (looks == false) return Verdict.Done;
                if (looks == true)
                {
                    objectStream = true;
                    if (Search(head.AsSpan(0, headLength))) return Verdict.ActiveContent;
                }
            }
        }
        catch (InvalidDataException)
        {
            // Broken zlib data: a reader gets no further than this either.
            return Finish();
        }
        // Nothing more came out: either the zlib data ended (it leaves the bytes after it unread) or it waits for more.
        return input.Count > 0 ? Finish() : Verdict.Open;
    }

    private Verdict Finish()
    {
        if (objectStream is null && LooksLikeObjectStream(head.AsSpan(0, headLength), complete: true) == true)
        {
            objectStream = true;
            if (Search(head.AsSpan(0, headLength))) return Verdict.ActiveContent;
        }
        return Verdict.Done;
    }

    private void KeepHead(ReadOnlySpan<byte> bytes)
    {
        if (head.Length < headLength + bytes.Length) Array.Resize(ref head, Math.Min(HeadLength, Math.Max(2 * head.Length, headLength + bytes.Length)));
        var n = Math.Min(bytes.Length, head.Length - headLength);
        bytes[..n].CopyTo(head.AsSpan(headLength));
        headLength += n;
    }

    /// <summary>Searches inflated bytes joined to the end of the ones before, so no name hides across the seam.</summary>
    private bool Search(ReadOnlySpan<byte> bytes)
    {
        if (joined.Length < seamLength + bytes.Length) joined = new byte[seamLength + bytes.Length];
        seam.AsSpan(0, seamLength).CopyTo(joined);
        bytes.CopyTo(joined.AsSpan(seamLength));
        var length = seamLength + bytes.Length;
        seamLength = Math.Min(seam.Length, length);
        joined.AsSpan(length - seamLength, seamLength).CopyTo(seam);
        return ContentInspector.HasActiveContent(joined.AsSpan(0, length));
    }

    /// <summary>
    /// Whether inflated bytes begin as an object stream does (ISO 32000-1, 7.5.7): pairs of integers (object number,
    /// offset), then the first object (a dictionary, array, string, name, number, true, false or null). A page's content
    /// begins with numbers too, but then an operator ("1 0 0 -1 0 842 cm"); images and fonts begin with binary. Null:
    /// not told yet.
    /// </summary>
    internal static bool? LooksLikeObjectStream(ReadOnlySpan<byte> data, bool complete)
    {
        var numbers = 0;
        var i = 0;
        while (true)
        {
            while (i < data.Length && (IsWhite(data[i]) || data[i] == '%'))
            {
                if (data[i] != '%') { i++; continue; }
                var lineEnd = data[i..].IndexOfAny((byte)'\r', (byte)'\n');
                if (lineEnd < 0) return complete ? false : null;
                i += lineEnd;
            }
            if (i == data.Length) return complete ? false : null;
            var end = i;
            while (end < data.Length && ContentInspector.IsRegular(data[end])) end++;
            if (end == data.Length && !complete) return null;
            var token = data[i..end];
            if (token.Length > 0 && IsNumber(token, out var integer))
            {
                if (numbers < 2 && !integer) return false;
                numbers++;
                i = end;
                continue;
            }
            if (numbers < 2) return false;
            // A delimiter starts a dictionary, array, string or name; a word is an object only as true, false or null.
            if (token.Length == 0) return data[i] is (byte)'<' or (byte)'[' or (byte)'(' or (byte)'/';
            return token.SequenceEqual("true"u8) || token.SequenceEqual("false"u8) || token.SequenceEqual("null"u8);
        }
    }

    private static bool IsWhite(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    private static bool IsNumber(ReadOnlySpan<byte> token, out bool integer)
    {
        integer = true;
        var digits = 0;
        for (var i = 0; i < token.Length; i++)
        {
            var b = token[i];
            if (b is (byte)'+' or (byte)'-' && i == 0) continue;
            if (b == '.' && integer) { integer = false; continue; }
            if (!char.IsAsciiDigit((char)b)) return false;
            digits++;
        }
        return digits > 0;
    }

    /// <summary>The bytes handed to the stream so far, read by its ZLibStream: none left means "wait", not "the end".</summary>
    private sealed class Feeder : Stream
    {
        private byte[] buffer = new byte[4096];
        private int offset;

        public int Count { get; private set; }

        public void Add(ReadOnlySpan<byte> data)
        {
            if (offset + Count + data.Length > buffer.Length)
            {
                if (Count + data.Length > buffer.Length) Array.Resize(ref buffer, Math.Max(2 * buffer.Length, Count + data.Length));
                Buffer.BlockCopy(buffer, offset, buffer, 0, Count);
                offset = 0;
            }
            data.CopyTo(buffer.AsSpan(offset + Count));
            Count += data.Length;
        }

        public (int, int) FirstTwo() => (buffer[offset], buffer[offset + 1]);

        public override int Read(byte[] target, int start, int count) => Read(target.AsSpan(start, count));

        public override int Read(Span<byte> target)
        {
            var n = Math.Min(Count, target.Length);
            buffer.AsSpan(offset, n).CopyTo(target);
            offset += n;
            Count -= n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => Count;
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
