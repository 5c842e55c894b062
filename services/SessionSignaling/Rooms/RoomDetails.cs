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
    bool HandedOn)
{
    /// <summary>As the contract's <see cref="Municipal.Contracts.Sessions.RoomView.FeedbackGiven"/>.</summary>
    public bool FeedbackGiven => FeedbackScore is not null;

    public static RoomDetails From(Room r) => new(
        r.Id, r.ConcernKey, r.DepartmentKey, r.CitizenName, r.Email, r.Language, r.AppointmentId, r.TicketId,
        r.Status, r.Mode, r.Channel, r.StaffId, r.StaffName, r.TransferToStaffId, r.CreatedAt, r.ScheduledStart,
        r.ResidentJoinedAt, r.AcceptedAt, r.EndedAt, r.ExpiresAt, r.FeedbackScore, r.FeedbackComment, r.IsHandedOn);
}
