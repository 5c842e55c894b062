using Municipal.SessionSignaling.Model;

namespace Municipal.SessionSignaling.Rooms;

/// <summary>The clerk's view of a room.</summary>
public sealed record RoomDetails(
    Guid Id,
    string ConcernKey,
    string DepartmentKey,
    string CitizenName,
    string? Email,
    string Language,
    Guid? AppointmentId,
    Guid? TicketId,
    string Status,
    string Mode,
    string Channel,
    Guid? StaffId,
    string? StaffName,
    Guid? TransferToStaffId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ScheduledStart,
    DateTimeOffset? ResidentJoinedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset ExpiresAt,
    int? FeedbackScore,
    string? FeedbackComment,
    bool HandedOn,
    DateTimeOffset? PictureSeenAt = null,
    bool PictureArrives = false)
{
    /// <summary>
    /// How recent the clerk's page's last "a picture arrives" must be for the room's look-up to say one does: the page
    /// says so every 5 s while it does (<c>SessionHub.ReportPicture</c>), so a page that stopped or went counts as none
    /// after three reports missed.
    /// </summary>
    public static readonly TimeSpan PictureFreshFor = TimeSpan.FromSeconds(15);

    /// <summary>
    /// With the clerk's page's last word on the resident's picture (the room's look-up; other answers leave it out):
    /// a picture arrives while the call runs and the page said so within <see cref="PictureFreshFor"/>.
    /// </summary>
    public RoomDetails WithPicture(DateTimeOffset? seenAt, DateTimeOffset now) => this with
    {
        PictureSeenAt = seenAt,
        PictureArrives = Mode != RoomModes.Write && seenAt is { } at && now - at <= PictureFreshFor,
    };

    /// <summary>As the contract's <see cref="Municipal.Contracts.Sessions.RoomView.FeedbackGiven"/>.</summary>
    public bool FeedbackGiven => FeedbackScore is not null;

    public static RoomDetails From(Room r) => new(
        r.Id, r.ConcernKey, r.DepartmentKey, r.CitizenName, r.Email, r.Language, r.AppointmentId, r.TicketId,
        r.Status, r.Mode, r.Channel, r.StaffId, r.StaffName, r.TransferToStaffId, r.CreatedAt, r.ScheduledStart,
        r.ResidentJoinedAt, r.AcceptedAt, r.EndedAt, r.ExpiresAt, r.FeedbackScore, r.FeedbackComment, r.IsHandedOn);
}
