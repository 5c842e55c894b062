namespace Municipal.Form.Drafts;

/// <summary>The dossier a submitted draft became: what both parties see instead of a form to fill again.</summary>
public sealed record SubmittedAs(Guid DossierId, string Reference, string Status, DateTimeOffset SubmittedAt);
