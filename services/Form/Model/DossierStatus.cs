using Municipal.Contracts.Forms;

namespace Municipal.Form.Model;

/// <summary>received → in_review → needs_information → completed | rejected; the last two are final.</summary>
public static class DossierStatus
{
    public const string Received = "received";
    public const string InReview = "in_review";
    public const string NeedsInformation = "needs_information";
    public const string Completed = DossierStatuses.Completed;
    public const string Rejected = DossierStatuses.Rejected;

    public static readonly IReadOnlyList<string> All = [Received, InReview, NeedsInformation, Completed, Rejected];

    private static readonly Dictionary<string, string[]> Next = new()
    {
        [Received] = [InReview, Rejected],
        [InReview] = [NeedsInformation, Completed, Rejected],
        [NeedsInformation] = [InReview, Completed, Rejected],
        [Completed] = [],
        [Rejected] = [],
    };

    public static bool CanMove(string from, string to) => Next.TryGetValue(from, out var next) && next.Contains(to);

    public static IReadOnlyList<string> NextOf(string from) => Next.GetValueOrDefault(from) ?? [];
}
