using System.Buffers;
using System.Buffers.Binary;

namespace Municipal.DocumentIntake.Inspection;

/// <summary>
/// Decides a file's type from its bytes while it streams past: the magic number at the start, the trailer at the
/// end, and a search of every byte for signatures of other formats. A file that is a valid image but also carries a
/// PDF, ZIP, HTML or script signature (a polyglot) is refused, because some viewer would treat it as the other thing.
/// A PDF's compressed object streams are opened and searched too (<see cref="PdfStreams"/>).
/// </summary>
public sealed class ContentInspector
{
    private const int HeadLength = 64;
    private const int TailLength = 1024;
    // Wide enough for an active name written with #xx escapes ("/J#61v#61Script") to be found across a seam.
    internal const int Overlap = 48;
    internal const int MaxNameLength = Overlap;

    // Long enough that random compressed data does not produce them by chance.
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] ZipLocalHeader = [0x50, 0x4B, 0x03, 0x04];
    private static readonly string[] MarkupSignatures = ["<script", "<html", "<!doctype", "<?php", "<svg", "<iframe", "<body", "<?xml-stylesheet"];
    // Actions that run, open or send something when a clerk opens the file: scripts, programs, attachments, other
    // documents by path (a remote go-to to \\host\share hands a Windows clerk's password hash to that host), form data
    // sent or read from elsewhere, Flash and 3D players. A link (/URI) is not among them: letters carry web addresses.
    private static readonly byte[][] PdfActiveContent =
        ["/JavaScript"u8.ToArray(), "/Launch"u8.ToArray(), "/EmbeddedFile"u8.ToArray(), "/GoToR"u8.ToArray(), "/GoToE"u8.ToArray(),
         "/SubmitForm"u8.ToArray(), "/ImportData"u8.ToArray(), "/RichMedia"u8.ToArray()];

    // The second byte of each: a slash or '<' followed by anything else starts none of them (issue 18: one pass over the
    // slashes instead of one per name, and no comparisons after most '<', took the 100 MB upload's search from 130 to
    // ~50 ms of CPU per 100 MB of compressed content).
    private static readonly SearchValues<byte> ActiveInitials = SearchValues.Create("JLEGSIR"u8);
    private static readonly SearchValues<byte> MarkupInitials = SearchValues.Create("sShHbBiI!?"u8);

    private readonly byte[] head = new byte[HeadLength];
    private readonly byte[] tail = new byte[TailLength];
    private readonly byte[] window = new byte[Overlap];
    private int windowLength;
    private readonly HashSet<string> findings = [];
    private PdfStreams? pdf;

    public long Length { get; private set; }

    public void Append(ReadOnlySpan<byte> chunk)
    {
        if (chunk.IsEmpty) return;
        if (Length < HeadLength)
        {
            var n = (int)Math.Min(HeadLength - Length, chunk.Length);
            chunk[..n].CopyTo(head.AsSpan((int)Length));
        }
        Search(chunk);
        if (IsPdf) (pdf ??= new PdfStreams()).Append(chunk);
        KeepTail(chunk);
        Length += chunk.Length;
    }

    /// <summary>The kind, or the reason the content is refused.</summary>
    public (FileKind? Kind, string? Problem) Decide()
    {
        var h = head.AsSpan(0, (int)Math.Min(Length, HeadLength));
        var t = tail.AsSpan(TailLength - (int)Math.Min(Length, TailLength));

        FileKind? kind = null;
        if (h.StartsWith(PdfMagic) && h.Length >= 8 && char.IsAsciiDigit((char)h[5]) && h[6] == '.' && char.IsAsciiDigit((char)h[7])) kind = FileKind.Pdf;
        else if (h.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) kind = FileKind.Jpeg;
        else if (h.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) kind = FileKind.Png;
        else if (h.StartsWith("II*\0"u8) || h.StartsWith("MM\0*"u8)) kind = FileKind.Tiff;

        if (kind is null) return (null, "unsupported");

        var structural = kind.Name switch
        {
            "pdf" => t.IndexOf("%%EOF"u8) >= 0 && t.IndexOf("startxref"u8) >= 0,
            "jpeg" => EndsWithJpegEoi(t),
            "png" => h.Length >= 16 && h.Slice(8, 8).SequenceEqual((ReadOnlySpan<byte>)[0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'])
                     && t.EndsWith((ReadOnlySpan<byte>)[0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82]),
            _ => TiffHeaderValid(h),
        };
        if (!structural) return (kind, "damaged");
        pdf?.Complete();
        if (pdf?.Encrypted == true) return (kind, "encrypted");

        // A second format inside, or active content (scripts, launch actions, attachments), is refused for every kind.
        if (findings.Count > 0 || pdf?.Finding == "active-content") return (kind, "polyglot");
        return pdf?.Finding is null ? (kind, null) : (kind, "not-inspectable");
    }

    private bool EndsWithJpegEoi(ReadOnlySpan<byte> t)
    {
        // Some scanners pad a JPEG with zero bytes after the end-of-image marker.
        var end = t.Length;
        while (end > 0 && t[end - 1] == 0) end--;
        return end >= 2 && t[end - 2] == 0xFF && t[end - 1] == 0xD9;
    }

    private bool TiffHeaderValid(ReadOnlySpan<byte> h)
    {
        if (h.Length < 8) return false;
        var offset = h[0] == 'I' ? BinaryPrimitives.ReadUInt32LittleEndian(h[4..]) : BinaryPrimitives.ReadUInt32BigEndian(h[4..]);
        return offset >= 8 && offset + 2 <= Length;
    }

    private void Search(ReadOnlySpan<byte> chunk)
    {
        // Look at the end of the previous chunk joined to the start of this one, so no signature hides across the seam.
        Span<byte> seam = stackalloc byte[Overlap * 2];
        var seamLength = windowLength + Math.Min(chunk.Length, Overlap);
        window.AsSpan(0, windowLength).CopyTo(seam);
        chunk[..Math.Min(chunk.Length, Overlap)].CopyTo(seam[windowLength..]);
        SearchIn(seam[..seamLength], Length - windowLength);
        SearchIn(chunk, Length);

        var keep = Math.Min(Overlap, chunk.Length);
        if (keep == Overlap) { chunk[^Overlap..].CopyTo(window); windowLength = Overlap; }
        else
        {
            var combined = new byte[windowLength + keep];
            window.AsSpan(0, windowLength).CopyTo(combined);
            chunk.CopyTo(combined.AsSpan(windowLength));
            var start = Math.Max(0, combined.Length - Overlap);
            combined.AsSpan(start).CopyTo(window);
            windowLength = combined.Length - start;
        }
    }

    private void SearchIn(ReadOnlySpan<byte> data, long position)
    {
        var pdf = data.IndexOf(PdfMagic);
        while (pdf >= 0)
        {
            // The PDF magic at offset 0 is the file's own; anywhere else it is a second format inside.
            if (position + pdf != 0) { findings.Add("pdf-embedded"); break; }
            var next = data[(pdf + 1)..].IndexOf(PdfMagic);
            pdf = next < 0 ? -1 : pdf + 1 + next;
        }
        var zip = data.IndexOf(ZipLocalHeader);
        while (zip >= 0)
        {
            // A real local header follows with "version needed" (a small number) and its high byte 0.
            if (zip + 5 < data.Length && data[zip + 4] <= 63 && data[zip + 5] == 0) { findings.Add("zip"); break; }
            var next = data[(zip + 1)..].IndexOf(ZipLocalHeader);
            zip = next < 0 ? -1 : zip + 1 + next;
        }
        if (HasPlainActiveName(data) || IsPdf && HasEscapedActiveName(data)) findings.Add("active-content");
        var rest = data;
        while (true)
        {
            var lt = rest.IndexOf((byte)'<');
            if (lt < 0) break;
            rest = rest[(lt + 1)..];
            if (rest.IsEmpty || !MarkupInitials.Contains(rest[0])) continue;
            foreach (var signature in MarkupSignatures)
            {
                if (MatchesIgnoreCase(rest, signature.AsSpan(1))) { findings.Add("markup"); break; }
            }
        }
    }

    /// <summary>The file starts as a PDF (its first bytes are in): only PDF names carry #xx escapes.</summary>
    private bool IsPdf => head.AsSpan().StartsWith(PdfMagic);

    /// <summary>Whether PDF text (the raw bytes, or an object stream's inflated ones) names an action, plainly or with #xx escapes.</summary>
    internal static bool HasActiveContent(ReadOnlySpan<byte> data) => HasPlainActiveName(data) || HasEscapedActiveName(data);

    private static bool HasPlainActiveName(ReadOnlySpan<byte> data)
    {
        // Every name begins with its slash: one pass over the slashes, each compared only where the next byte starts one.
        var slash = data.IndexOf((byte)'/');
        while (slash >= 0)
        {
            var rest = data[slash..];
            if (rest.Length > 1 && ActiveInitials.Contains(rest[1]))
            {
                foreach (var active in PdfActiveContent)
                {
                    if (rest.StartsWith(active)) return true;
                }
            }
            var next = rest[1..].IndexOf((byte)'/');
            slash = next < 0 ? -1 : slash + 1 + next;
        }
        return false;
    }

    /// <summary>
    /// A PDF name may write any of its characters as #xx (ISO 32000-1, 7.3.5): "/J#61vaScript" is "/JavaScript" to
    /// a reader, and got past the plain search (API probe; clamd caught it). Every name with a # is decoded and compared.
    /// </summary>
    internal static bool HasEscapedActiveName(ReadOnlySpan<byte> data)
    {
        Span<byte> name = stackalloc byte[MaxNameLength];
        var hash = data.IndexOf((byte)'#');
        while (hash >= 0)
        {
            // A # without two hex digits after it is a plain character of the name, which then is none of the actions;
            // another # of it that escapes is found in its turn. (Most # in compressed bytes end here.)
            if (hash + 2 >= data.Length || !IsHex(data[hash + 1]) || !IsHex(data[hash + 2]))
            {
                var skip = data[(hash + 1)..].IndexOf((byte)'#');
                hash = skip < 0 ? -1 : hash + 1 + skip;
                continue;
            }
            // The name this # belongs to: back to its '/', through regular characters only.
            var start = hash - 1;
            while (start >= 0 && hash - start < Overlap && data[start] != '/' && IsRegular(data[start])) start--;
            if (start >= 0 && data[start] == '/')
            {
                var (length, _) = DecodeName(data, start, name);
                foreach (var active in PdfActiveContent)
                {
                    if (name[..length].SequenceEqual(active.AsSpan(1))) return true;
                }
            }
            var next = data[(hash + 1)..].IndexOf((byte)'#');
            hash = next < 0 ? -1 : hash + 1 + next;
        }
        return false;
    }

    /// <summary>
    /// The name whose '/' is at <paramref name="slash"/>, its #xx escapes decoded into <paramref name="name"/> (at most
    /// its length; a longer name is no name looked for), and the index after it.
    /// </summary>
    internal static (int Length, int After) DecodeName(ReadOnlySpan<byte> data, int slash, Span<byte> name)
    {
        var length = 0;
        var i = slash + 1;
        while (i < data.Length && length < name.Length && IsRegular(data[i]))
        {
            if (data[i] == '#' && i + 2 < data.Length && IsHex(data[i + 1]) && IsHex(data[i + 2]))
            {
                name[length++] = (byte)(HexValue(data[i + 1]) * 16 + HexValue(data[i + 2]));
                i += 3;
            }
            else name[length++] = data[i++];
        }
        return (length, i);
    }

    /// <summary>Not white space and not a delimiter: a character that continues a PDF name.</summary>
    internal static bool IsRegular(byte b) => b > 32 && b < 127 && "()<>[]{}/%"u8.IndexOf(b) < 0;

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;

    private static bool MatchesIgnoreCase(ReadOnlySpan<byte> data, ReadOnlySpan<char> text)
    {
        if (data.Length < text.Length) return false;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.ToLowerInvariant((char)data[i]) != text[i]) return false;
        }
        return true;
    }

    private void KeepTail(ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length >= TailLength)
        {
            chunk[^TailLength..].CopyTo(tail);
            return;
        }
        tail.AsSpan(chunk.Length).CopyTo(tail);
        chunk.CopyTo(tail.AsSpan(TailLength - chunk.Length));
    }
}
