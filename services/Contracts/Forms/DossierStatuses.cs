namespace Municipal.Contracts.Forms;

/// <summary>The dossier's final statuses, as <see cref="DossierStatusChanged.ToStatus"/> names them: nothing moves a dossier on from them.</summary>
public static class DossierStatuses
{
    public const string Completed = "completed";
    public const string Rejected = "rejected";

    public static bool IsFinal(string status) => status is Completed or Rejected;
}
