namespace Municipal.SessionSignaling.Hubs;

/// <summary>What the hub calls on browsers (the JS client matches names case-insensitively).</summary>
public interface ISessionClient
{
    Task Message(ChatMessage message);

    Task Typing(TypingNotice notice);

    Task Presence(PresenceNotice notice);

    Task Signal(SignalMessage signal);

    Task ModeRequested(ModeNotice notice);

    Task ModeAnswered(ModeAnswer answer);

    Task ModeChanged(ModeNotice notice);

    Task RoomEvent(RoomEventMessage roomEvent);

    Task Closed(RoomClosed closed);

    Task Accepted(RoomAccepted accepted);

    Task CallResumed(CallResumed resumed);
}
