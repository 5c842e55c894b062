namespace Municipal.DocumentIntake.Model;

/// <summary>The ways a document comes in, as named in DocumentReceived.Channel.</summary>
public static class Channels
{
    public const string Session = "session";
    public const string Upload = "upload";
    public const string Kiosk = "kiosk";
    public const string Forms = "forms";
}
