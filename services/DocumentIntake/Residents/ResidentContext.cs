namespace Municipal.DocumentIntake.Residents;

/// <summary>What a resident's token opens: a consultation room (sessions) or a dossier (forms).</summary>
public sealed record ResidentContext(string Source, Guid? SessionId, Guid? DossierId, string? DepartmentKey, string? ConcernKey);
