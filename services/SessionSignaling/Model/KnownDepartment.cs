namespace Municipal.SessionSignaling.Model;

/// <summary>A department that has (or had) staff accounts, learnt from them: a room may be transferred only to one of these.</summary>
public sealed class KnownDepartment
{
    public required string Key { get; init; }
}
