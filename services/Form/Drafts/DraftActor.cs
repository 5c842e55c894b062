namespace Municipal.Form.Drafts;

/// <summary>
/// Who is editing: a clerk of the draft's department or the resident (by draft token or room token). For a
/// consultation's draft, <paramref name="RoomOpen"/> says whether its room is still waiting or active: once it is not,
/// the draft is only read.
/// </summary>
public sealed record DraftActor(string Role, string Name, bool RoomOpen = true)
{
    public const string Clerk = "clerk";
    public const string Resident = "resident";
}
