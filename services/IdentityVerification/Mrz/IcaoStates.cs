namespace Municipal.IdentityVerification.Mrz;

/// <summary>
/// The codes an MRZ may name as issuing state or nationality: ICAO Doc 9303 part 3 (8th edition, 2021), section 5,
/// "Three-letter codes": every ISO 3166-1 alpha-3 code (here from the iso-codes list, 2024) and the codes ICAO adds
/// for Germany ('D'), British nationals, the United Nations and other organisations, stateless persons, refugees and
/// unspecified nationality; plus Kosovo's RKS, which its passports carry. Anything else ('ZZZ') is no state.
/// </summary>
internal static class IcaoStates
{
    private static readonly HashSet<string> Codes =
    [
        "ABW", "AFG", "AGO", "AIA", "ALA", "ALB", "AND", "ARE", "ARG", "ARM", "ASM", "ATA", "ATF", "ATG", "AUS", "AUT", "AZE", "BDI", "BEL", "BEN",
        "BES", "BFA", "BGD", "BGR", "BHR", "BHS", "BIH", "BLM", "BLR", "BLZ", "BMU", "BOL", "BRA", "BRB", "BRN", "BTN", "BVT", "BWA", "CAF", "CAN",
        "CCK", "CHE", "CHL", "CHN", "CIV", "CMR", "COD", "COG", "COK", "COL", "COM", "CPV", "CRI", "CUB", "CUW", "CXR", "CYM", "CYP", "CZE", "DEU",
        "DJI", "DMA", "DNK", "DOM", "DZA", "ECU", "EGY", "ERI", "ESH", "ESP", "EST", "ETH", "FIN", "FJI", "FLK", "FRA", "FRO", "FSM", "GAB", "GBR",
        "GEO", "GGY", "GHA", "GIB", "GIN", "GLP", "GMB", "GNB", "GNQ", "GRC", "GRD", "GRL", "GTM", "GUF", "GUM", "GUY", "HKG", "HMD", "HND", "HRV",
        "HTI", "HUN", "IDN", "IMN", "IND", "IOT", "IRL", "IRN", "IRQ", "ISL", "ISR", "ITA", "JAM", "JEY", "JOR", "JPN", "KAZ", "KEN", "KGZ", "KHM",
        "KIR", "KNA", "KOR", "KWT", "LAO", "LBN", "LBR", "LBY", "LCA", "LIE", "LKA", "LSO", "LTU", "LUX", "LVA", "MAC", "MAF", "MAR", "MCO", "MDA",
        "MDG", "MDV", "MEX", "MHL", "MKD", "MLI", "MLT", "MMR", "MNE", "MNG", "MNP", "MOZ", "MRT", "MSR", "MTQ", "MUS", "MWI", "MYS", "MYT", "NAM",
        "NCL", "NER", "NFK", "NGA", "NIC", "NIU", "NLD", "NOR", "NPL", "NRU", "NZL", "OMN", "PAK", "PAN", "PCN", "PER", "PHL", "PLW", "PNG", "POL",
        "PRI", "PRK", "PRT", "PRY", "PSE", "PYF", "QAT", "REU", "ROU", "RUS", "RWA", "SAU", "SDN", "SEN", "SGP", "SGS", "SHN", "SJM", "SLB", "SLE",
        "SLV", "SMR", "SOM", "SPM", "SRB", "SSD", "STP", "SUR", "SVK", "SVN", "SWE", "SWZ", "SXM", "SYC", "SYR", "TCA", "TCD", "TGO", "THA", "TJK",
        "TKL", "TKM", "TLS", "TON", "TTO", "TUN", "TUR", "TUV", "TWN", "TZA", "UGA", "UKR", "UMI", "URY", "USA", "UZB", "VAT", "VCT", "VEN", "VGB",
        "VIR", "VNM", "VUT", "WLF", "WSM", "YEM", "ZAF", "ZMB", "ZWE",
        // ICAO's own (Doc 9303 part 3, 5.1 and table 1): Germany, British nationals, organisations, stateless, refugees.
        "D", "GBD", "GBN", "GBO", "GBP", "GBS", "EUE", "UNO", "UNA", "UNK", "XBA", "XIM", "XCC", "XCE", "XCO", "XDC",
        "XEC", "XES", "XMP", "XOM", "XPO", "XXA", "XXB", "XXC", "XXX", "RKS",
        // Utopia, the state of Doc 9303's own specimens (the examples staff are trained on); no real document holds it.
        "UTO",
    ];

    // The codes above that ISO 3166-1 does not hold: no country a form could name.
    private static readonly HashSet<string> NotIso =
    [
        "D", "GBD", "GBN", "GBO", "GBP", "GBS", "EUE", "UNO", "UNA", "UNK", "XBA", "XIM", "XCC", "XCE", "XCO", "XDC",
        "XEC", "XES", "XMP", "XOM", "XPO", "XXA", "XXB", "XXC", "XXX", "RKS", "UTO",
    ];

    public static bool IsKnown(string code) => Codes.Contains(code);

    /// <summary>
    /// A nationality as ISO 3166-1 alpha-3, what forms may pre-fill: Germany's "D" as "DEU"; null for ICAO's own codes
    /// (British nationals other than citizens, organisations, stateless, refugees, Kosovo's RKS) and unknown ones.
    /// </summary>
    public static string? Iso3166Alpha3(string? code) =>
        code == "D" ? "DEU" : code is not null && Codes.Contains(code) && !NotIso.Contains(code) ? code : null;
}
