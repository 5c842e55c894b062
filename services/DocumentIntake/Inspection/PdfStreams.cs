namespace Municipal.DocumentIntake.Inspection;

/// <summary>
/// What a PDF's raw bytes do not show. Since PDF 1.5 objects may sit in a FlateDecode-compressed object stream, where
/// an OpenAction's "/S /JavaScript" passed the search of the raw bytes (outside probe). Every stream that starts as
/// zlib data is inflated while it streams past until its first bytes tell what it is (<see cref="PdfFlateStream.LooksLikeObjectStream"/>);
/// object streams are inflated whole and searched like the raw bytes, within <see cref="MaxInflatedPerStream"/> and
/// <see cref="MaxInflatedPerFile"/>, because a few KB of zlib inflate to gigabytes. Where this cannot look the PDF is
/// not inspectable: text filters (ASCIIHexDecode, LZW …: no producer of today writes them, and an object stream in one
/// would be unread), a predictor on an object stream, more than the bounds. A PDF naming /Encrypt is encrypted: neither
/// this nor clamd can read its streams.
/// </summary>
internal sealed class PdfStreams
{
    internal const int MaxInflatedPerStream = 4 * 1024 * 1024;
    internal const int MaxInflatedPerFile = 16 * 1024 * 1024;
    // Every real stream ends, or shows that it is no object stream, within a few bytes: more open at once are made up.
    private const int MaxOpenStreams = 8;
    // A name (32 characters, each possibly #xx) or "stream" with its line end fits in it; later bytes wait for the next chunk.
    private const int Lookahead = 128;
    // Kept before the bytes still to look at, so that "end" before "stream" is seen across a chunk's edge.
    private const int LookBehind = 16;

    private static readonly byte[][] TextFilters =
        ["ASCIIHexDecode"u8.ToArray(), "AHx"u8.ToArray(), "ASCII85Decode"u8.ToArray(), "A85"u8.ToArray(),
         "LZWDecode"u8.ToArray(), "LZW"u8.ToArray(), "RunLengthDecode"u8.ToArray(), "RL"u8.ToArray()];

    private byte[] region = new byte[4 * Lookahead];
    private int filled, history;
    private long regionStart, resumeAt;
    private readonly List<PdfFlateStream> open = [];
    private long inflated;
    private bool completed;
    // Named since the last stream began or ended, so belonging to the next stream's dictionary.
    private bool objectStreamNamed, predictorNamed;
    // The region's bytes before this index are with the open streams already.
    private int fed;

    public bool Encrypted { get; private set; }

    /// <summary>Null, <c>active-content</c> (inside an object stream) or <c>not-inspectable</c>.</summary>
    public string? Finding { get; private set; }

    public void Append(ReadOnlySpan<byte> chunk)
    {
        if (region.Length < filled + chunk.Length) Array.Resize(ref region, filled + chunk.Length + Lookahead);
        chunk.CopyTo(region.AsSpan(filled));
        filled += chunk.Length;
        Process(final: false);
    }

    /// <summary>The end of the file: the bytes kept back are looked at, and streams still open are judged as they are.</summary>
    public void Complete()
    {
        if (completed) return;
        completed = true;
        Process(final: true);
        foreach (var stream in open) Settle(stream.Complete());
        Close();
    }

    private void Process(bool final)
    {
        var data = region.AsSpan(0, filled);
        var end = final ? filled : Math.Max(history, filled - Lookahead);
        var i = (int)Math.Max(history, resumeAt - regionStart);
        fed = history;
        while (i < end)
        {
            var next = data[i..end].IndexOfAny((byte)'/', (byte)'s');
            if (next < 0) break;
            i += next;
            i = data[i] == '/' ? Name(data, i) : Keyword(data, i);
        }
        resumeAt = regionStart + Math.Max(i, end);
        Feed(data, fed, end);

        var keep = Math.Min(LookBehind, end);
        data[(end - keep)..].CopyTo(region);
        regionStart += end - keep;
        filled -= end - keep;
        history = keep;
    }

    private int Name(ReadOnlySpan<byte> data, int slash)
    {
        Span<byte> name = stackalloc byte[ContentInspector.MaxNameLength];
        var (length, after) = ContentInspector.DecodeName(data, slash, name);
        var decoded = name[..length];
        if (decoded.SequenceEqual("ObjStm"u8) || decoded.SequenceEqual("First"u8)) objectStreamNamed = true;
        else if (decoded.SequenceEqual("Predictor"u8)) predictorNamed = true;
        else if (decoded.SequenceEqual("Encrypt"u8)) Encrypted = true;
        else
        {
            foreach (var filter in TextFilters)
            {
                if (decoded.SequenceEqual(filter)) Finding ??= "not-inspectable";
            }
        }
        return Math.Max(after, slash + 1);
    }

    private int Keyword(ReadOnlySpan<byte> data, int at)
    {
        if (!data[at..].StartsWith("stream"u8)) return at + 1;
        var ended = at >= 3 && data[(at - 3)..at].SequenceEqual("end"u8);
        var begins = !ended && at + 6 < data.Length && data[at + 6] is (byte)'\r' or (byte)'\n'
            && (at == 0 || !ContentInspector.IsRegular(data[at - 1]));
        if (begins)
        {
            // An object stream's objects are read through the predictor: what they say cannot be searched here.
            if (objectStreamNamed && predictorNamed) Finding ??= "not-inspectable";
            // The streams open so far take their bytes up to here first, so one that ended before this one began is
            // judged and closed: a chunk holding many streams (80 KB of a printed form holds a dozen) opened them all
            // at once, and more than eight refused the city's own PDFs as not inspectable (staff walk, 2026-12-06).
            if (at > fed)
            {
                Feed(data, fed, at);
                fed = at;
            }
            Open(regionStart + at + 6);
        }
        if (begins || ended) objectStreamNamed = predictorNamed = false;
        return at + 6;
    }

    private void Open(long start)
    {
        if (Finding is not null) return;
        if (open.Count >= MaxOpenStreams) Finding = "not-inspectable";
        else open.Add(new PdfFlateStream(start));
    }

    /// <summary>Hands each open stream the bytes from <paramref name="from"/> to <paramref name="to"/> that are its own.</summary>
    private void Feed(ReadOnlySpan<byte> data, int from, int to)
    {
        for (var s = open.Count - 1; s >= 0 && Finding is null; s--)
        {
            var stream = open[s];
            var first = (int)Math.Max(from, stream.Start - regionStart);
            if (first >= to) continue;
            var verdict = stream.Feed(data[first..to], MaxInflatedPerFile - inflated);
            inflated += stream.TakeInflated();
            if (verdict != PdfFlateStream.Verdict.Open)
            {
                open.RemoveAt(s);
                stream.Dispose();
            }
            Settle(verdict);
        }
        if (Finding is not null) Close();
    }

    private void Close()
    {
        foreach (var stream in open) stream.Dispose();
        open.Clear();
    }

    private void Settle(PdfFlateStream.Verdict verdict)
    {
        if (verdict == PdfFlateStream.Verdict.ActiveContent) Finding ??= "active-content";
        else if (verdict == PdfFlateStream.Verdict.TooLarge) Finding ??= "not-inspectable";
    }
}
