using Municipal.Contracts.Sessions;
using Municipal.SessionSignaling.Model;

namespace Municipal.SessionSignaling.Rooms;

public static class RoomViewMapping
{
    /// <summary>The room as residents and other services read it (the contract in Municipal.Contracts.Sessions).</summary>
    public static RoomView ToView(this Room room) => new(
        room.Id, room.ConcernKey, room.DepartmentKey, room.CitizenName, room.Email, room.Language,
        room.AppointmentId, room.TicketId, room.Status, room.Mode, ScheduledStart: room.ScheduledStart, FeedbackGiven: room.FeedbackScore is not null,
        HandedOn: room.IsHandedOn);
}
