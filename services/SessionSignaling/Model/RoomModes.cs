namespace Municipal.SessionSignaling.Model;

/// <summary>Lugano's three modes and the channel each counts as in the statistics.</summary>
public static class RoomModes
{
    public const string Write = "write";
    public const string Speak = "speak";
    public const string Show = "show";

    public const string ChatChannel = "chat";
    public const string VideoChannel = "video";
    public const string ScreenChannel = "screen";

    public static readonly IReadOnlyList<string> All = [Write, Speak, Show];

    public static string ChannelOf(string mode) => mode switch
    {
        Speak => VideoChannel,
        Show => ScreenChannel,
        _ => ChatChannel,
    };

    public static int Rank(string channel) => channel switch
    {
        ScreenChannel => 2,
        VideoChannel => 1,
        _ => 0,
    };
}
