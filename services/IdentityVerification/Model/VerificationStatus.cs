namespace Municipal.IdentityVerification.Model;

public enum VerificationStatus
{
    Open,
    Verified,
    Rejected,
}
