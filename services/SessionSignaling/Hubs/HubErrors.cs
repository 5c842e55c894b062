namespace Municipal.SessionSignaling.Hubs;

/// <summary>Stable error codes the browser turns into translated messages.</summary>
public static class HubErrors
{
    public const string RoomNotFound = "room-not-found";

    /// <summary>A room link a newer mail's replaced (a move, the links sent again): said at once, not waited for.</summary>
    public const string LinkReplaced = "link-replaced";
    public const string RoomClosed = "room-closed";
    /// <summary>The appointment was cancelled: its link says so, not that a consultation ended.</summary>
    public const string RoomCancelled = "room-cancelled";
    public const string Forbidden = "forbidden";
    public const string NotJoined = "not-joined";
    public const string InvalidMessage = "invalid-message";
    public const string InvalidSignal = "invalid-signal";
    public const string InvalidMode = "invalid-mode";
    /// <summary>An answer to a call nobody asked this side for, or given twice.</summary>
    public const string NotAsked = "not-asked";
    public const string InvalidEvent = "invalid-event";
    /// <summary>A language the counter does not offer (de, en, fr, it, de-x-ls).</summary>
    public const string InvalidLanguage = "invalid-language";
    public const string RateLimited = "rate-limited";
    /// <summary>A device id that is not 1 to 64 letters, digits, '-' or '_'.</summary>
    public const string InvalidDevice = "invalid-device";
    /// <summary>Arguments that do not bind to the method's (a number for text, too few, too many): <see cref="CodedArgumentsProtocol"/>.</summary>
    public const string InvalidArguments = "invalid-arguments";
}
