namespace Municipal.SessionSignaling.Model;

/// <summary>A department the city has (learnt from the staff accounts): a room may be transferred only to one of these.</summary>
public sealed class KnownDepartment
{
    public required string Key { get; init; }
}
