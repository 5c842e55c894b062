using Municipal.DocumentIntake.Inspection;
using Municipal.DocumentIntake.Scanning;

namespace Municipal.DocumentIntake.Uploads;

/// <summary>
/// A file received into the incoming folder, with what was learnt while it streamed: its hash, its kind and, when
/// clamd could be reached, clamd's verdict (null: scan the stored file).
/// </summary>
public sealed record StagedFile(
    int Index,
    string Field,
    string OriginalName,
    string? DeclaredType,
    string IncomingPath,
    long Length,
    string Sha256,
    FileKind? Kind,
    string? Problem,
    ScanResult? Scan = null)
{
    /// <summary>The name used in validation problems, e.g. <c>files[2]</c>.</summary>
    public string ErrorKey => $"{Field}[{Index}]";
}
