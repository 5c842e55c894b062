namespace Municipal.IdentityVerification.Tans;

/// <summary>The limits of a signing TAN, as the regulated procedures set them.</summary>
public static class TanRules
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    public const int MaxAttempts = 3;
    public const int Digits = 6;

    /// <summary>Within this window a recipient gets at most <see cref="PerRecipient"/> codes and a requester <see cref="PerRequester"/>.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(15);
    public const int PerRecipient = 3;
    public const int PerRequester = 5;
}
