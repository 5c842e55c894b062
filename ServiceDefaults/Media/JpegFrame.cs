namespace Municipal.ServiceDefaults.Media;

/// <summary>
/// What a JPEG's frame header (ITU T.81, B.2.2) says beyond its size: the kind of frame (its SOF marker), the bits per
/// sample, the colour components, and whether an Adobe APP14 segment before it marks CMYK as stored inverted.
/// </summary>
public sealed record JpegFrame(int Marker, int Precision, int Components, bool AdobeInverted)
{
    /// <summary>
    /// Huffman-coded baseline, extended or progressive (SOF0–SOF2): what every decoder and a PDF's DCTDecode take;
    /// lossless (SOF3), hierarchical (SOF5–7) and arithmetic-coded (SOF9–15) frames are not.
    /// </summary>
    public bool HuffmanCoded => Marker is 0xC0 or 0xC1 or 0xC2;

    /// <summary>A progressive frame (SOF2, SOF6, SOF10, SOF14): the image arrives in several scans.</summary>
    public bool Progressive => Marker is 0xC2 or 0xC6 or 0xCA or 0xCE;
}
