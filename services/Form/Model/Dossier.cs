namespace Municipal.Form.Model;

/// <summary>The case a submission opens, followed by the resident through a status link and worked on by staff.</summary>
public sealed class Dossier
{
    public Guid Id { get; set; }
    public required string Reference { get; set; }
    public required string DefinitionId { get; set; }
    public int DefinitionVersion { get; set; }
    public required string ConcernKey { get; set; }
    public required string DepartmentKey { get; set; }
    public Guid? SessionId { get; set; }
    public Guid DraftId { get; set; }
    public required string ApplicantName { get; set; }
    public required string Email { get; set; }
    public required string Language { get; set; }
    public required string Status { get; set; }

    /// <summary>The signed values (canonical JSON): what the hash, the PDF and the staff view show.</summary>
    public required string FieldValues { get; set; }

    public required string ContentSha256 { get; set; }
    public required string SignatureKind { get; set; }
    public string? SignatureImage { get; set; }
    public required string SignatureSummary { get; set; }

    /// <summary>The printed submission; null until the FormSubmitted consumer has printed <see cref="PdfSource"/>.</summary>
    public byte[]? Pdf { get; set; }

    /// <summary>The page to print (HTML, laid out at submission); cleared once <see cref="Pdf"/> is there.</summary>
    public string? PdfSource { get; set; }

    public DateTimeOffset? PdfDeliveredAt { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<DossierHistoryEntry> History { get; set; } = [];
}
