using System.Text.Json;
using Municipal.Contracts.Sessions;
using Municipal.SessionSignaling.Model;
using Municipal.SessionSignaling.Rooms;

namespace Municipal.SessionSignaling.Hubs;

public sealed record ChatMessage(long Id, string Text, Sender From, DateTimeOffset SentAt, string? ClientId)
{
    public static ChatMessage Of(RoomMessage m) => new(m.Id, m.Text, new Sender(m.SenderRole, m.SenderName), m.SentAt, m.ClientId);
}

/// <summary>What a join answers: the room, who the caller is, the transcript since its last line and who is in the room (at <paramref name="PresenceVersion"/>).</summary>
public sealed record JoinResult(RoomView Room, Sender You, IReadOnlyList<ChatMessage> Messages, IReadOnlyList<Present> Participants, long PresenceVersion);

/// <summary>
/// Someone in the room, once, with how many connections (devices or tabs) they are in it with: a room link is a bearer
/// link, and the clerk sees "(2 devices)" when it is open twice (room probe, 2026-12-06: the list named the resident
/// once while a second browser read along).
/// </summary>
public sealed record Present(string Role, string Name, int Devices);

public sealed record TypingNotice(Sender From, bool Typing);

/// <summary>
/// Someone joined (a further device of someone already in the room joins as they do) or left (only once their last
/// connection went): who is in the room now, at <paramref name="Version"/> (a browser keeps the list of the highest
/// version it heard).
/// </summary>
public sealed record PresenceNotice(IReadOnlyList<Present> Participants, Sender? Joined, Sender? Left, long Version)
{
    public PresenceNotice(Roster roster, Sender? joined, Sender? left) : this(roster.Present, joined, left, roster.Version) { }
}

public sealed record SignalMessage(string Type, JsonElement Data, Sender From);

/// <summary>A mode change; <paramref name="Reason"/> "away": the call ended because a side did not come back in time.</summary>
public sealed record ModeNotice(string Mode, Sender From, string? Reason = null);

public sealed record ModeAnswer(string Mode, bool Accepted, Sender From);

public sealed record RoomEventMessage(string Type, JsonElement Payload, Sender From);

/// <summary>
/// The room closed for this participant: "ended" by the clerk, "transferred" to someone else, "taken-over" by a
/// supervisor of the department (<paramref name="By"/>, <paramref name="ToStaffId"/>), "released" or, for a supervisor
/// who joined, "supervision-ended" when their account changed.
/// </summary>
public sealed record RoomClosed(string Reason, Guid? ToStaffId, string? ToDepartmentKey, Sender? By = null);

/// <summary>The page of one side of a call came back (a reload, a new connection) and its media run again: the other side calls anew.</summary>
public sealed record CallResumed(Sender From);

/// <summary>A clerk took the room (sent when they accept, before their page has joined).</summary>
public sealed record RoomAccepted(Sender By);
