using Municipal.SessionSignaling.Model;

namespace Municipal.SessionSignaling.Rooms;

/// <summary>
/// What a resident's token resolves to (GET /api/sessions/rooms/current). Other services call that endpoint
/// with the resident's header to find the room: add fields, never rename them.
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
    string Mode)
{
    public static RoomView From(Room room) => new(
        room.Id, room.ConcernKey, room.DepartmentKey, room.CitizenName, room.Email, room.Language,
        room.AppointmentId, room.TicketId, room.Status, room.Mode);
}
