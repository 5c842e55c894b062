using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Sessions;
using Microsoft.Extensions.Options;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Input;
using Municipal.SessionSignaling.Data;
using Municipal.SessionSignaling.Model;
using Municipal.SessionSignaling.Rooms;

namespace Municipal.SessionSignaling.Hubs;

/// <summary>
/// The consultation room's live channel (/hubs/session). A connection first joins a room — the resident with
/// the token sent in this call (never in the URL, so it stays out of logs), the clerk holding the room by the
/// gateway's internal token on the upgrade request, an invited guest with the invitation token — and then
/// chats, relays WebRTC signalling, mode changes and other teams' room events to the others in the room.
/// </summary>
public sealed class SessionHub(
    SessionDb db, RoomAccess access, RoomPresence presence, ModeQuestions questions, RunningCalls calls, IOptions<CallOptions> callOptions,
    TranscriptWriter transcript, TimeProvider clock, ILogger<SessionHub> logger)
    : Hub<ISessionClient>
{
    public const string Path = "/hubs/session";
    private const int MaxTextLength = 4000;
    private const int MaxTypeLength = 64;

    /// <summary>
    /// A room event's payload as JSON: the pages' are a few hundred bytes (a form's invalid fields, a camera on or off);
    /// before, anything up to the hub's message size (256 kB) went on to every page in the room, 20 a second.
    /// </summary>
    public const int MaxEventPayloadChars = 16 * 1024;
    private const int TranscriptPage = 500;
    private const string ParticipantKey = "participant";

    public static string Group(Guid roomId) => $"room:{roomId:N}";

    /// <summary>The resident joins without naming the device: the connection counts as a device of its own.</summary>
    public Task<JoinResult> JoinAsResident(string token, long afterId) => JoinAsResidentOn(token, afterId, null);

    /// <summary>
    /// The resident joins from <paramref name="device"/>, the id the page keeps across its reloads (sessionStorage): a
    /// call runs on the device that took it, and a reloaded page of that device takes it up again while the resident's
    /// other device leaves it alone. The id authorizes nothing (the room token does); it only tells the resident's
    /// connections apart.
    /// </summary>
    public async Task<JoinResult> JoinAsResidentOn(string token, long afterId, string? device)
    {
        if (device is not null && !ClientIds.IsWellFormed(device)) throw new HubException(HubErrors.InvalidDevice);
        var (found, replaced) = await access.FindForJoinAsync(token, Context.ConnectionAborted);
        var room = found ?? throw new HubException(replaced ? HubErrors.LinkReplaced : HubErrors.RoomNotFound);
        EnsureOpen(room);
        if (room.ResidentJoinedAt is null) room = await RecordFirstJoinAsync(room.Id);
        return await EnterAsync(new Participant(room.Id, ParticipantRoles.Resident, room.CitizenName, null, Device: device), room, afterId);
    }

    public async Task<JoinResult> JoinAsStaff(Guid roomId, long afterId)
    {
        var user = Context.User;
        if (user is null || !user.IsStaff()) throw new HubException(HubErrors.Forbidden);
        var room = await db.Rooms.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roomId, Context.ConnectionAborted)
            ?? throw new HubException(HubErrors.RoomNotFound);
        EnsureOpen(room);
        // Only the clerk who accepted the room enters as staff; colleagues come in by invitation.
        if (room.StaffId != user.StaffId()) throw new HubException(HubErrors.Forbidden);
        return await EnterAsync(new Participant(room.Id, ParticipantRoles.Clerk, user.StaffName(), user.StaffId()), room, afterId);
    }

    /// <summary>
    /// A supervisor of the room's department joins a colleague's running consultation: she reads the chat from its
    /// start and writes in it, as "supervisor", and takes no part in the call. The page first asks
    /// <c>POST /api/sessions/rooms/{id}/join</c>, which says in a reason code why it may not be; the rule is the same.
    /// </summary>
    public async Task<JoinResult> JoinAsSupervisor(Guid roomId, long afterId)
    {
        var user = Context.User;
        if (user is null || !user.IsStaff()) throw new HubException(HubErrors.Forbidden);
        var room = await db.Rooms.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roomId, Context.ConnectionAborted)
            ?? throw new HubException(HubErrors.RoomNotFound);
        EnsureOpen(room);
        if (Apis.StaffRoomApi.SupervisionRefusal(user, room) is not null) throw new HubException(HubErrors.Forbidden);
        await presence.NoteSupervisingAsync(user.StaffId(), room.Id);
        return await EnterAsync(new Participant(room.Id, ParticipantRoles.Supervisor, user.StaffName(), user.StaffId()), room, afterId);
    }

    public async Task<JoinResult> JoinWithInvite(string token, long afterId)
    {
        var found = await access.FindByInviteTokenAsync(token, Context.ConnectionAborted)
            ?? throw new HubException(HubErrors.RoomNotFound);
        EnsureOpen(found.Room);
        return await EnterAsync(new Participant(found.Room.Id, found.Invite.Role, found.Invite.Name, null, found.Invite.CreatedAt), found.Room, afterId);
    }

    /// <summary>Transcript lines after the last id the client saw (used after a reconnect).</summary>
    public async Task<IReadOnlyList<ChatMessage>> History(long afterId)
    {
        var me = await CurrentAsync();
        return await TranscriptAsync(me, afterId);
    }

    /// <summary>
    /// Broadcasts a chat line and answers with it; it is stored right after, in batches, without holding the sender
    /// (<see cref="TranscriptWriter"/>). A client resending an unconfirmed line after a reconnect passes the same
    /// clientId and gets the stored line back instead of a duplicate.
    /// </summary>
    public async Task<ChatMessage> SendMessage(string text, string? clientId)
    {
        // Whether the sender is still in the room is checked in the Redis call that numbers the line (one round trip).
        var me = Joined();
        text = (text ?? "").Trim();
        if (text.Length is 0 or > MaxTextLength || !ChatText.IsAcceptable(text)) throw new HubException(HubErrors.InvalidMessage);
        if (!string.IsNullOrEmpty(clientId) && !ClientIds.IsWellFormed(clientId)) throw new HubException(HubErrors.InvalidMessage);

        var line = new RoomMessage
        {
            RoomId = me.RoomId, SenderRole = me.Role, SenderName = me.Name, Text = text,
            ClientId = string.IsNullOrEmpty(clientId) ? null : clientId, SentAt = clock.GetUtcNow(),
        };
        // A resend of a line stored earlier is answered, not broadcast a second time.
        var queued = await transcript.QueueAsync(line, Context.ConnectionId,
            numbered => Clients.Group(Group(me.RoomId)).Message(ChatMessage.Of(numbered)), Context.ConnectionAborted)
            ?? throw Left();
        return ChatMessage.Of(queued.Line);
    }

    public async Task Typing(bool typing)
    {
        var me = await CurrentAsync();
        await Clients.OthersInGroup(Group(me.RoomId)).Typing(new TypingNotice(me.AsSender, typing));
    }

    /// <summary>
    /// WebRTC offer, answer, ICE candidate or hang-up, relayed unchanged to the other side of the call: the resident's
    /// device the call runs on, or the clerk holding the room. Only the two sides signal, and an offer, answer or
    /// candidate only while a call both agreed to runs (the room's mode is not "write"): an invited interpreter's
    /// offer, or one nobody asked for, opened the resident's camera and microphone without their "yes", and every
    /// candidate told guests the resident's network addresses.
    /// </summary>
    public async Task Signal(string type, JsonElement data)
    {
        var me = Joined();
        if (!SignalData.IsAcceptable(type, data)) throw new HubException(HubErrors.InvalidSignal);
        var side = ModeQuestions.SideOf(me) ?? throw new HubException(HubErrors.Forbidden);
        var listing = presence.ListAsync(me.RoomId);
        var holding = calls.DeviceAsync(me.RoomId);
        var (entries, holder) = (await listing, await holding);
        if (!entries.Any(e => e.ConnectionId == Context.ConnectionId)) throw Left();
        // The call runs on one of the resident's devices: the others neither take part in it nor hear it (a phone beside
        // the laptop answered the clerk's offer too, and opened its camera).
        if (side == ParticipantRoles.Resident && holder is not null && me.Device != holder) throw new HubException(HubErrors.Forbidden);
        // A hang-up may follow "end video" (the page sets the mode first); it ends a call, it never starts one.
        if (type != "hangup" && !await IsInCallAsync(me.RoomId, Context.ConnectionAborted)) throw new HubException(HubErrors.NotAsked);
        var to = entries
            .Where(e => ModeQuestions.SideOf(e.Participant) is { } other && other != side
                && (other != ParticipantRoles.Resident || holder is null || e.Participant.Device == holder))
            .Select(e => e.ConnectionId)
            .ToList();
        if (to.Count > 0) await Clients.Clients(to).Signal(new SignalMessage(type, data, me.AsSender));
    }

    /// <summary>Asks the other side to switch to audio/video ("speak"); nothing changes until they accept.</summary>
    public async Task RequestMode(string mode)
    {
        var me = await CurrentAsync();
        if (mode != RoomModes.Speak) throw new HubException(HubErrors.InvalidMode);
        var side = ModeQuestions.SideOf(me) ?? throw new HubException(HubErrors.Forbidden);
        // A call the resident asks for runs on the device that asked (not on one asking while a call runs elsewhere).
        if (side == ParticipantRoles.Resident && !await IsInCallAsync(me.RoomId, Context.ConnectionAborted)) await calls.HoldAsync(me.RoomId, me.Device);
        await questions.AskAsync(me.RoomId, side);
        await Clients.OthersInGroup(Group(me.RoomId)).ModeRequested(new ModeNotice(mode, me.AsSender));
    }

    /// <summary>The other side's answer to an open question (camera and microphone go on only after their own "yes").</summary>
    public async Task AnswerMode(string mode, bool accepted)
    {
        var me = await CurrentAsync();
        if (mode != RoomModes.Speak) throw new HubException(HubErrors.InvalidMode);
        var side = ModeQuestions.SideOf(me) ?? throw new HubException(HubErrors.Forbidden);
        if (!await questions.TakeAnswerAsync(me.RoomId, side)) throw new HubException(HubErrors.NotAsked);
        if (accepted)
        {
            // A new call: it runs on the device that accepted it (the clerk's acceptance: on the one that asked), and
            // nobody is away from it.
            if (side == ParticipantRoles.Resident) await calls.HoldAsync(me.RoomId, me.Device);
            await calls.BackAsync(me.RoomId, ModeQuestions.Sides);
            // A picture of an earlier call says nothing of this one.
            await calls.PictureAsync(me.RoomId, false, clock.GetUtcNow());
            await RecordModeAsync(me.RoomId, mode);
        }
        await Clients.Group(Group(me.RoomId)).ModeAnswered(new ModeAnswer(mode, accepted, me.AsSender));
    }

    /// <summary>
    /// Modes that need no consent within a call both agreed to: starting or stopping a screen share, falling back to
    /// chat. Only the two sides of the call change its mode: an invited guest's "write" ended the resident's and the
    /// clerk's video. Without a call only "write": a "show" with no call made the room's mode one of a call, and the
    /// resident's page answered the offer that followed with camera and microphone, nobody having asked (probe 5).
    /// </summary>
    public async Task SetMode(string mode)
    {
        var me = await CurrentAsync();
        if (ModeQuestions.SideOf(me) is null) throw new HubException(HubErrors.Forbidden);
        if (!RoomModes.All.Contains(mode) || mode != RoomModes.Write && !await IsInCallAsync(me.RoomId, Context.ConnectionAborted))
            throw new HubException(HubErrors.InvalidMode);
        // The call ended: whoever was away from it no longer ends it later (nor a call begun after it).
        if (mode == RoomModes.Write) await calls.BackAsync(me.RoomId, ModeQuestions.Sides);
        await RecordModeAsync(me.RoomId, mode);
        await Clients.Group(Group(me.RoomId)).ModeChanged(new ModeNotice(mode, me.AsSender));
    }

    /// <summary>
    /// Whether the room's call still runs for the caller to come back to: neither side ended it (the room's mode is
    /// still "speak" or "show"), the other side of the call is in the room, and, for the resident, the call runs on the
    /// caller's device — or on one that has been away for <see cref="CallOptions.TakeOverAfter"/> (gone, not reloading),
    /// which the caller's device may take it over from. A page that comes back to the room (a reload) asks before it
    /// opens its camera again (<see cref="ResumeCall"/>).
    /// </summary>
    public async Task<bool> CallRunning()
    {
        var me = await CurrentAsync();
        if (ModeQuestions.SideOf(me) is null || !await IsInCallAsync(me.RoomId, Context.ConnectionAborted)) return false;
        var entries = await presence.ListAsync(me.RoomId);
        return OtherSideHere(me, entries) && (me.Role != ParticipantRoles.Resident || await MayHoldAsync(me, entries));
    }

    /// <summary>
    /// The caller's page came back to a running call with its camera and microphone open again: the other side is told
    /// and calls anew, without a new question (both agreed to this call; a reload only broke its connection). False,
    /// and nothing sent, where the call no longer runs.
    /// </summary>
    public async Task<bool> ResumeCall()
    {
        if (!await CallRunning()) return false;
        var me = Joined();
        var side = ModeQuestions.SideOf(me)!;
        if (side == ParticipantRoles.Resident) await calls.HoldAsync(me.RoomId, me.Device);
        // This side is back; the other is too if it holds the call here (a resident's device that went stays away).
        var other = side == ParticipantRoles.Resident ? ParticipantRoles.Clerk : ParticipantRoles.Resident;
        var back = await HeldHereAsync(me.RoomId, other, await presence.ListAsync(me.RoomId)) ? new[] { side, other } : [side];
        await calls.BackAsync(me.RoomId, back);
        // The camera comes back, not a shared screen: the sharing page's screen went with its connection.
        await RecordModeAsync(me.RoomId, RoomModes.Speak);
        await Clients.OthersInGroup(Group(me.RoomId)).CallResumed(new CallResumed(me.AsSender));
        return true;
    }

    /// <summary>
    /// The clerk's page says whether it receives a picture of the resident's video (frames coming, not all black): it
    /// says so when that changes and every 5 s while one arrives. The identity check starts and confirms only with a
    /// recent one (the call running was not enough: a covered or switched-off camera sends black frames, and a
    /// "verified" was saved with nothing to see). Only the clerk holding the room, on a connection in it, and only
    /// during a call; anyone else's word would let a check pass on a picture the clerk never had.
    /// </summary>
    public async Task ReportPicture(bool arriving)
    {
        var me = await CurrentAsync();
        if (me is not { Role: ParticipantRoles.Clerk, StaffId: { } staffId }) throw new HubException(HubErrors.Forbidden);
        var room = await db.Rooms.AsNoTracking().Where(r => r.Id == me.RoomId).Select(r => new { r.StaffId, r.Mode }).FirstAsync(Context.ConnectionAborted);
        // A clerk who handed the room on (her page not yet let out) no longer speaks for it.
        if (room.StaffId != staffId) throw new HubException(HubErrors.Forbidden);
        // No call, no picture to speak of (a report late after "end video").
        if (room.Mode == RoomModes.Write) throw new HubException(HubErrors.NotAsked);
        await calls.PictureAsync(me.RoomId, arriving, clock.GetUtcNow());
    }

    /// <summary>
    /// The resident switched the page's language: the room's language follows (what the clerk's panel names, and
    /// what mails and forms of the room read), and the clerk's page is told ("resident.language").
    /// </summary>
    public async Task SetLanguage(string language)
    {
        var me = await CurrentAsync();
        if (me.Role != ParticipantRoles.Resident) throw new HubException(HubErrors.Forbidden);
        if (!Languages.IsKnown(language)) throw new HubException(HubErrors.InvalidLanguage);
        var changed = await db.OnCurrentRoomAsync(async () =>
        {
            var room = await db.Rooms.FirstAsync(r => r.Id == me.RoomId, Context.ConnectionAborted);
            if (room.Language == language) return false;
            room.Language = language;
            await db.SaveChangesAsync(Context.ConnectionAborted);
            return true;
        });
        if (changed)
        {
            var payload = JsonSerializer.SerializeToElement(new { language }, JsonSerializerOptions.Web);
            await Clients.OthersInGroup(Group(me.RoomId)).RoomEvent(new RoomEventMessage(ResidentLanguage, payload, me.AsSender));
        }
    }

    private const string ResidentLanguage = "resident.language";

    /// <summary>
    /// A draft's field values and who edits or points at which field travel one way only: the form service's event
    /// stream, which carries what it stored and checked (issue 15 item 8). Relayed here too, a browser could show the
    /// other side a value the form service never accepted.
    /// </summary>
    private static readonly HashSet<string> FormsOwn = new(StringComparer.Ordinal) { "form.field", "form.focus", "form.point" };

    /// <summary>
    /// Events the pages act on, and who may send them: the ID check's start and decision only the clerk holding the
    /// room (an interpreter sending "identity.started" switched the resident's camera to the ID check), what a call's
    /// microphone and camera do only its two sides, and "resident.missed" nobody (sessions itself tells it).
    /// </summary>
    private static readonly Dictionary<string, Func<Participant, bool>> Reserved = new(StringComparer.Ordinal)
    {
        ["identity.started"] = p => p is { Role: ParticipantRoles.Clerk, StaffId: not null },
        ["identity.decided"] = p => p is { Role: ParticipantRoles.Clerk, StaffId: not null },
        ["call.media"] = p => ModeQuestions.SideOf(p) is not null,
        ["resident.missed"] = _ => false,
        [RoomNotifier.HandedOn] = _ => false,
        [ResidentLanguage] = _ => false,
    };

    /// <summary>
    /// The generic relay other teams build on (co-filling a form, the ID check): broadcasts
    /// <c>roomEvent {type, payload, from}</c> to the other participants of the caller's room. A type is written in
    /// lower case letters, digits, dots and hyphens, so "Form.Field" is no way around the forms' own types.
    /// </summary>
    public async Task SendRoomEvent(string type, JsonElement payload)
    {
        var me = await CurrentAsync();
        if (string.IsNullOrWhiteSpace(type) || type.Length > MaxTypeLength || !type.All(IsTypeChar) || FormsOwn.Contains(type)
            || payload.ValueKind != JsonValueKind.Undefined && payload.GetRawText().Length > MaxEventPayloadChars)
            throw new HubException(HubErrors.InvalidEvent);
        if (Reserved.TryGetValue(type, out var may) && !may(me)) throw new HubException(HubErrors.Forbidden);
        await Clients.OthersInGroup(Group(me.RoomId)).RoomEvent(new RoomEventMessage(type, payload, me.AsSender));
    }

    private static bool IsTypeChar(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '-' or '_';

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(ParticipantKey, out var value) && value is Participant me)
        {
            try
            {
                // A connection let out by an end or transfer was announced then; only one still listed leaves now.
                // Someone still in the room on another device or tab has not left: only the list (its count) changes.
                if (await presence.RemoveAsync(me.RoomId, Context.ConnectionId) is { } left)
                {
                    // The call's wait starts before anyone hears of the going: the resident's other device asks on that news.
                    await NoteAwayAsync(me, left);
                    await Clients.OthersInGroup(Group(me.RoomId)).Presence(new PresenceNotice(left, null, left.Has(me.AsSender) ? null : me.AsSender));
                }
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not announce that a participant left room {RoomId}", me.RoomId);
            }
        }
        await base.OnDisconnectedAsync(exception);
    }

    private async Task<JoinResult> EnterAsync(Participant participant, Room room, long afterId)
    {
        if (Context.Items.TryGetValue(ParticipantKey, out var previous) && previous is Participant old && old.RoomId != room.Id)
        {
            await presence.RemoveAsync(old.RoomId, Context.ConnectionId);
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(old.RoomId));
        }
        Context.Items[ParticipantKey] = participant;
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(room.Id));
        var roster = await presence.AddAsync(Context.ConnectionId, participant);

        await Clients.OthersInGroup(Group(room.Id)).Presence(new PresenceNotice(roster, participant.AsSender, null));
        var transcript = await TranscriptAsync(participant, afterId);
        // A guest needs the resident's name, not the address the city writes to.
        var view = participant.IsGuest ? room.ToView() with { Email = null } : room.ToView();
        return new JoinResult(view, participant.AsSender, transcript, roster.Present, roster.Version);
    }

    /// <summary>
    /// Stores when the resident first came in and announces it (ResidentJoined), once: a second tab of the resident
    /// may have done it meanwhile, and the clerk accepting at that moment changes the same row.
    /// </summary>
    /// <returns>The room as it is now.</returns>
    private Task<Room> RecordFirstJoinAsync(Guid roomId) => db.OnCurrentRoomAsync(async () =>
    {
        var room = await db.Rooms.FirstAsync(r => r.Id == roomId, Context.ConnectionAborted);
        if (room.ResidentJoinedAt is not null) return room;
        var now = clock.GetUtcNow();
        room.ResidentJoinedAt = now;
        db.Publish(new ResidentJoined(room.Id, room.AppointmentId, room.TicketId, now));
        await db.SaveChangesAsync(Context.ConnectionAborted);
        return room;
    });

    private Task RecordModeAsync(Guid roomId, string mode) => db.OnCurrentRoomAsync(async () =>
    {
        var room = await db.Rooms.FirstAsync(r => r.Id == roomId, Context.ConnectionAborted);
        room.UseMode(mode);
        return await db.SaveChangesAsync(Context.ConnectionAborted);
    });

    private async Task<bool> IsInCallAsync(Guid roomId, CancellationToken ct) =>
        await db.Rooms.AnyAsync(r => r.Id == roomId && r.Mode != RoomModes.Write, ct);

    /// <summary>Whether the other side of <paramref name="me"/>'s call (the resident, or the clerk holding the room) is in the room.</summary>
    private static bool OtherSideHere(Participant me, IReadOnlyList<(string ConnectionId, Participant Participant)> entries)
    {
        var side = ModeQuestions.SideOf(me);
        return entries.Any(e => ModeQuestions.SideOf(e.Participant) is { } other && other != side);
    }

    /// <summary>
    /// Whether <paramref name="side"/> of the room's call is in the room where the call runs: the clerk holding the room
    /// on any connection, the resident on the device the call runs on (any of theirs where none was recorded).
    /// </summary>
    private async Task<bool> HeldHereAsync(Guid roomId, string side, IReadOnlyList<(string ConnectionId, Participant Participant)> entries)
    {
        var holder = side == ParticipantRoles.Resident ? await calls.DeviceAsync(roomId) : null;
        return entries.Any(e => ModeQuestions.SideOf(e.Participant) == side && (holder is null || e.Participant.Device == holder));
    }

    /// <summary>
    /// Whether the resident's connection <paramref name="me"/> may hold the call: it runs on this device (or on no device
    /// recorded), or the device it runs on has left the room and stayed away for <see cref="CallOptions.TakeOverAfter"/>
    /// (a reload comes back sooner; the phone beside the reloading laptop must not take its call).
    /// </summary>
    private async Task<bool> MayHoldAsync(Participant me, IReadOnlyList<(string ConnectionId, Participant Participant)> entries)
    {
        if (await calls.DeviceAsync(me.RoomId) is not { } holder || holder == me.Device) return true;
        if (entries.Any(e => e.Participant.Role == ParticipantRoles.Resident && e.Participant.Device == holder)) return false;
        var since = await calls.AwaySinceAsync(me.RoomId, ParticipantRoles.Resident);
        return since is null || clock.GetUtcNow() - since >= callOptions.Value.TakeOverAfter;
    }

    /// <summary>
    /// A connection of a side of the call left: if that side no longer holds the call anywhere in the room (the clerk's
    /// last page, the resident's device the call runs on), the call waits for it from now, for at most
    /// <see cref="CallOptions.AwayTimeout"/> (<see cref="Jobs.AbandonedCallJob"/>).
    /// </summary>
    private async Task NoteAwayAsync(Participant me, Roster left)
    {
        if (ModeQuestions.SideOf(me) is not { } side) return;
        try
        {
            if (await HeldHereAsync(me.RoomId, side, left.Entries)) return;
            if (!await IsInCallAsync(me.RoomId, CancellationToken.None)) return;
            await calls.AwayAsync(me.RoomId, side, clock.GetUtcNow());
        }
        catch (Exception ex)
        {
            // The leave is still announced; the call then waits for this side as it did before the wait was bounded.
            logger.LogWarning(ex, "Could not note that a side of the call in room {RoomId} went", me.RoomId);
        }
    }

    /// <summary>The caller's participant record, if it still stands (ending or transferring a room revokes it).</summary>
    private async Task<Participant> CurrentAsync()
    {
        var me = Joined();
        if (!await presence.ContainsAsync(me.RoomId, Context.ConnectionId)) throw Left();
        return me;
    }

    /// <summary>Who this connection joined as; not yet checked against the room's presence.</summary>
    private Participant Joined() =>
        Context.Items.TryGetValue(ParticipantKey, out var value) && value is Participant me ? me : throw new HubException(HubErrors.NotJoined);

    /// <summary>The connection is no longer in the room (ended, or removed by the clerk): it must join again.</summary>
    private HubException Left()
    {
        Context.Items.Remove(ParticipantKey);
        return new HubException(HubErrors.RoomClosed);
    }

    /// <summary>
    /// The stored lines, and those answered but still queued for the transcript (read first: see QueuedLines); for a
    /// guest only those since their invitation.
    /// </summary>
    private async Task<IReadOnlyList<ChatMessage>> TranscriptAsync(Participant reader, long afterId)
    {
        var roomId = reader.RoomId;
        var since = reader.Since ?? DateTimeOffset.MinValue;
        var queued = transcript.QueuedLines(roomId, afterId).Where(m => m.SentAt >= since);
        var lines = db.RoomMessages.AsNoTracking().Where(m => m.RoomId == roomId && m.Id > afterId);
        if (reader.Since is { } invited) lines = lines.Where(m => m.SentAt >= invited);
        var stored = await lines
            .OrderBy(m => m.Id)
            .Take(TranscriptPage)
            .ToListAsync(Context.ConnectionAborted);
        return stored.Concat(queued).DistinctBy(m => m.Id).OrderBy(m => m.Id).Take(TranscriptPage).Select(ChatMessage.Of).ToList();
    }

    private static void EnsureOpen(Room room)
    {
        // A ticket's room is cancelled when its resident left the queue: for them it is closed, no appointment was.
        if (room.Status == RoomStatus.Cancelled && room.TicketId is null) throw new HubException(HubErrors.RoomCancelled);
        if (!room.IsOpen) throw new HubException(HubErrors.RoomClosed);
    }
}
