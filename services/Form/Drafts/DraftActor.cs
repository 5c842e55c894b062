namespace Municipal.Form.Drafts;

/// <summary>Who is editing: a clerk of the draft's department or the resident (by draft token or room token).</summary>
public sealed record DraftActor(string Role, string Name)
{
    public const string Clerk = "clerk";
    public const string Resident = "resident";
}
