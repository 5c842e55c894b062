namespace Municipal.SessionSignaling.Model;

public static class ParticipantRoles
{
    public const string Resident = "resident";
    public const string Clerk = "clerk";
    public const string Interpreter = "interpreter";

    /// <summary>Roles an invitation can grant.</summary>
    public static readonly IReadOnlyList<string> Invitable = [Clerk, Interpreter];
}
