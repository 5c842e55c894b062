namespace Municipal.Contracts.Sessions;

/// <summary>
/// A consultation room as the sessions service describes it to residents and to other services:
/// <c>GET /api/sessions/rooms/current</c> (the room a resident's token opens, whatever its status, so an ended room
/// can still be rated) and <c>GET /api/sessions/rooms/{id}</c> (staff and services; its answer carries more).
/// Read with <c>Municipal.ServiceDefaults.Sessions.SessionsClient</c>. Add fields, never rename them.
/// The sessions service holds no birth date: booking does not ask for one. <see cref="StaffId"/>, the clerk holding
/// the room, comes only with the staff look-up (its <c>RoomDetails</c> answer); residents never get it.
/// <see cref="FeedbackGiven"/>: the resident rated the consultation (the feedback page then thanks instead of asking).
/// <see cref="HandedOn"/>: the clerk handed the consultation on and it waits for the colleague who takes it (the
/// resident's page says a colleague is coming, not that someone will be with them).
/// <see cref="PictureArrives"/>: the clerk's page receives a picture of the resident's video now (frames that are not
/// all black, said within the last 15 s; <see cref="PictureSeenAt"/> is when it last said so). Only the staff look-up
/// carries it; the identity check starts and confirms only with it.
/// </summary>
public sealed record RoomView(
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
    Guid? StaffId = null,
    DateTimeOffset? ScheduledStart = null,
    bool FeedbackGiven = false,
    bool HandedOn = false,
    DateTimeOffset? PictureSeenAt = null,
    bool PictureArrives = false)
{
    /// <summary>Waiting or active: only then may the resident's token create documents, forms or codes.</summary>
    public bool IsOpen => Status is "waiting" or "active";

    /// <summary>
    /// A call both sides agreed to runs (the mode is "speak", or "show" while a screen is shared in it): only then can
    /// the clerk see the resident, and an identity check starts and confirms only then. A call waiting for a page
    /// that reloads still runs; "end video", the wait running out or a hand-on make the mode "write" again.
    /// </summary>
    public bool CallRunning => Mode is "speak" or "show";
}
