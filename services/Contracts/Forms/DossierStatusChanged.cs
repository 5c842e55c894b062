namespace Municipal.Contracts.Forms;

public sealed record DossierStatusChanged(Guid DossierId, string DepartmentKey, string FromStatus, string ToStatus, string? Note, Guid? StaffId, DateTimeOffset ChangedAt);
