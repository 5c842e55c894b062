namespace Municipal.SessionSignaling.Model;

public static class ParticipantRoles
{
    public const string Resident = "resident";
    public const string Clerk = "clerk";
    public const string Interpreter = "interpreter";

    /// <summary>A supervisor of the room's department who joined a colleague's consultation (she reads and writes along).</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Roles an invitation can grant.</summary>
    public static readonly IReadOnlyList<string> Invitable = [Clerk, Interpreter];
}
