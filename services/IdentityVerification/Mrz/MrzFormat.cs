namespace Municipal.IdentityVerification.Mrz;

/// <summary>The machine-readable travel document sizes of ICAO Doc 9303 (parts 4–6).</summary>
public enum MrzFormat
{
    /// <summary>ID-1 card, three lines of 30 (German and Swiss identity cards).</summary>
    Td1,

    /// <summary>ID-2 size, two lines of 36 (older ID cards, MRV-B visas).</summary>
    Td2,

    /// <summary>ID-3 passport book, two lines of 44 (passports, MRV-A visas).</summary>
    Td3,
}
