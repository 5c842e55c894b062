namespace Municipal.DocumentIntake.Residents;

/// <summary>
/// What a resident's token opens: a consultation room (sessions) or a dossier (forms). <see cref="Closed"/>: the
/// consultation ended or was cancelled; its documents can still be read, no new ones handed in.
/// </summary>
public sealed record ResidentContext(string Source, Guid? SessionId, Guid? DossierId, string? DepartmentKey, string? ConcernKey, bool Closed = false);
