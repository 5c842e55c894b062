namespace Municipal.DocumentIntake.Inspection;

/// <summary>The file types the city accepts, decided by content.</summary>
public sealed record FileKind(string Name, string ContentType, string Extension, IReadOnlyList<string> Extensions)
{
    public static readonly FileKind Pdf = new("pdf", "application/pdf", ".pdf", [".pdf"]);
    public static readonly FileKind Jpeg = new("jpeg", "image/jpeg", ".jpg", [".jpg", ".jpeg", ".jpe", ".jfif"]);
    public static readonly FileKind Png = new("png", "image/png", ".png", [".png"]);
    public static readonly FileKind Tiff = new("tiff", "image/tiff", ".tif", [".tif", ".tiff"]);

    public static readonly IReadOnlyList<FileKind> All = [Pdf, Jpeg, Png, Tiff];

    private static readonly Dictionary<string, string> DeclaredAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpg"] = "image/jpeg",
        ["image/pjpeg"] = "image/jpeg",
        ["application/x-pdf"] = "application/pdf",
        ["image/tif"] = "image/tiff",
    };

    /// <summary>Whether a declared content type agrees with this kind (a generic or missing one says nothing).</summary>
    public bool AgreesWithDeclared(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared)) return true;
        var type = declared.Split(';')[0].Trim();
        if (type is "application/octet-stream" or "binary/octet-stream") return true;
        if (DeclaredAliases.TryGetValue(type, out var alias)) type = alias;
        return string.Equals(type, ContentType, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether the name's extension agrees (a name without an extension says nothing).</summary>
    public bool AgreesWithName(string fileName)
    {
        var extension = Path.GetExtension(fileName);
        return extension.Length == 0 || Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase);
    }
}
