namespace Municipal.IdentityVerification.Tans;

public static class TanChannel
{
    public const string Email = "email";
    public const string Sms = "sms";
}
