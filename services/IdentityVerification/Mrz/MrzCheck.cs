namespace Municipal.IdentityVerification.Mrz;

/// <summary>One check digit: which field it protects, the digit printed and the digit computed.</summary>
public sealed record MrzCheck(string Field, char Printed, int Computed, bool Valid);
