using Municipal.IdentityVerification.Mrz;

namespace Municipal.IdentityVerification.Tests;

public class MrzParserTests
{
    private static readonly DateOnly Before2012 = new(2010, 6, 1);
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static MrzDocument Parse(string mrz, DateOnly? today = null)
    {
        var result = MrzParser.Parse(mrz, today ?? Today);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        return result.Document!;
    }

    private static bool Check(MrzDocument document, string field) => document.Checks.Single(c => c.Field == field).Valid;

    [Fact]
    public void Td3_specimen_reads_every_field_and_passes_every_check()
    {
        var d = Parse(Specimens.Td3, Before2012);
        Assert.Equal(MrzFormat.Td3, d.Format);
        Assert.Equal("P", d.DocumentCode);
        Assert.Equal("passport", d.DocumentType);
        Assert.Equal("UTO", d.IssuingState);
        Assert.Equal("ERIKSSON", d.Surname);
        Assert.Equal("ANNA MARIA", d.GivenNames);
        Assert.False(d.NameTruncated);
        Assert.Equal("L898902C3", d.DocumentNumber);
        Assert.Equal("UTO", d.Nationality);
        Assert.Equal(new DateOnly(1974, 8, 12), d.BirthDate);
        Assert.Equal("F", d.Sex);
        Assert.Equal(new DateOnly(2012, 4, 15), d.ExpiryDate);
        Assert.Equal("ZE184226B", d.OptionalData);
        Assert.Equal(["documentNumber", "birthDate", "expiryDate", "personalNumber", "composite"], d.Checks.Select(c => c.Field));
        Assert.All(d.Checks, c => Assert.True(c.Valid, c.Field));
        Assert.False(d.Expired);
        Assert.True(d.Valid);
    }

    [Fact]
    public void Td2_specimen_reads_every_field_and_passes_every_check()
    {
        var d = Parse(Specimens.Td2, Before2012);
        Assert.Equal(MrzFormat.Td2, d.Format);
        Assert.Equal("identity-card", d.DocumentType);
        Assert.Equal("D23145890", d.DocumentNumber);
        Assert.Equal(("ERIKSSON", "ANNA MARIA"), (d.Surname, d.GivenNames));
        Assert.Equal(new DateOnly(1974, 8, 12), d.BirthDate);
        Assert.Equal(new DateOnly(2012, 4, 15), d.ExpiryDate);
        Assert.Equal(["documentNumber", "birthDate", "expiryDate", "composite"], d.Checks.Select(c => c.Field));
        Assert.True(d.Valid);
    }

    [Fact]
    public void Td1_specimen_reads_every_field_and_passes_every_check()
    {
        var d = Parse(Specimens.Td1, Before2012);
        Assert.Equal(MrzFormat.Td1, d.Format);
        Assert.Equal("I", d.DocumentCode);
        Assert.Equal("D23145890", d.DocumentNumber);
        Assert.Equal("UTO", d.IssuingState);
        Assert.Equal("UTO", d.Nationality);
        Assert.Equal(("ERIKSSON", "ANNA MARIA"), (d.Surname, d.GivenNames));
        Assert.Equal("F", d.Sex);
        Assert.Equal(["documentNumber", "birthDate", "expiryDate", "composite"], d.Checks.Select(c => c.Field));
        Assert.True(d.Valid);
    }

    [Fact]
    public void Td1_long_document_number_continues_in_the_optional_data()
    {
        var d = Parse(Specimens.Td1LongNumber);
        Assert.Equal("D23145890734", d.DocumentNumber);
        Assert.Equal("", d.OptionalData);
        Assert.True(d.Valid, string.Join(",", d.Checks.Where(c => !c.Valid).Select(c => c.Field)));

        var broken = MrzParser.Parse(Specimens.With(Specimens.Td1LongNumber, 1, 18, '0'), Today).Document!;
        Assert.False(Check(broken, "documentNumber"));
    }

    [Fact]
    public void German_identity_card_specimen_uses_the_single_letter_state_and_is_expired()
    {
        var d = Parse(Specimens.GermanIdCard2010);
        Assert.Equal("ID", d.DocumentCode);
        Assert.Equal("D", d.IssuingState);
        Assert.Equal("D", d.Nationality);
        Assert.Equal("T22000129", d.DocumentNumber);
        Assert.Equal(("MUSTERMANN", "ERIKA"), (d.Surname, d.GivenNames));
        Assert.Equal(new DateOnly(1964, 8, 12), d.BirthDate);
        Assert.Equal("unspecified", d.Sex);
        Assert.Equal(new DateOnly(2020, 10, 31), d.ExpiryDate);
        Assert.All(d.Checks, c => Assert.True(c.Valid, c.Field));
        Assert.True(d.Expired);
        Assert.False(d.Valid);
    }

    [Theory]
    [InlineData(Specimens.GermanIdCard, "D", "LZ6311T47", "identity-card")]
    [InlineData(Specimens.GermanPassport, "D", "C01X00T47", "passport")]
    [InlineData(Specimens.SwissIdCard, "CHE", "C1234567", "identity-card")]
    [InlineData(Specimens.SwissPassport, "CHE", "X1234567", "passport")]
    public void Current_German_and_Swiss_documents_are_valid(string mrz, string state, string number, string type)
    {
        var d = Parse(mrz);
        Assert.Equal(state, d.IssuingState);
        Assert.Equal(state, d.Nationality);
        Assert.Equal(number, d.DocumentNumber);
        Assert.Equal(type, d.DocumentType);
        Assert.True(d.Valid, string.Join(",", d.Checks.Where(c => !c.Valid).Select(c => c.Field).Concat(d.Problems)));
    }

    [Fact]
    public void Swiss_names_with_several_given_names_are_split_at_the_fillers()
    {
        var d = Parse(Specimens.SwissIdCard);
        Assert.Equal("MUSTER", d.Surname);
        Assert.Equal("HANS PETER", d.GivenNames);
        Assert.Equal("M", d.Sex);
    }

    // (specimen, line, column of the check digit, field it protects); every check digit of every format.
    public static TheoryData<string, int, int, string> CheckDigits => new()
    {
        { Specimens.Td3, 2, 9, "documentNumber" },
        { Specimens.Td3, 2, 19, "birthDate" },
        { Specimens.Td3, 2, 27, "expiryDate" },
        { Specimens.Td3, 2, 42, "personalNumber" },
        { Specimens.Td3, 2, 43, "composite" },
        { Specimens.Td2, 2, 9, "documentNumber" },
        { Specimens.Td2, 2, 19, "birthDate" },
        { Specimens.Td2, 2, 27, "expiryDate" },
        { Specimens.Td2, 2, 35, "composite" },
        { Specimens.Td1, 1, 14, "documentNumber" },
        { Specimens.Td1, 2, 6, "birthDate" },
        { Specimens.Td1, 2, 14, "expiryDate" },
        { Specimens.Td1, 2, 29, "composite" },
        { Specimens.GermanIdCard2010, 1, 14, "documentNumber" },
        { Specimens.GermanIdCard2010, 2, 6, "birthDate" },
        { Specimens.GermanIdCard2010, 2, 14, "expiryDate" },
        { Specimens.GermanIdCard2010, 2, 29, "composite" },
    };

    [Theory]
    [MemberData(nameof(CheckDigits))]
    public void Each_broken_check_digit_fails_its_own_check(string mrz, int line, int column, string field)
    {
        var printed = mrz.Split('\n')[line - 1][column];
        var d = Parse(Specimens.With(mrz, line, column, Specimens.Other(printed)), Before2012);
        Assert.False(Check(d, field));
        Assert.False(d.Valid);
        // The check digit itself is part of the composite for every field but the composite's own.
        var failing = d.Checks.Where(c => !c.Valid).Select(c => c.Field).ToHashSet();
        Assert.Subset(new HashSet<string> { field, "composite" }, failing);
    }

    [Theory]
    [InlineData(Specimens.Td3, 2, 2, "documentNumber")]
    [InlineData(Specimens.Td3, 2, 15, "birthDate")]
    [InlineData(Specimens.Td3, 2, 23, "expiryDate")]
    [InlineData(Specimens.Td3, 2, 30, "personalNumber")]
    [InlineData(Specimens.Td1, 1, 7, "documentNumber")]
    public void A_changed_data_character_fails_its_check_and_the_composite(string mrz, int line, int column, string field)
    {
        var printed = mrz.Split('\n')[line - 1][column];
        var d = Parse(Specimens.With(mrz, line, column, char.IsAsciiDigit(printed) ? Specimens.Other(printed) : 'X'), Before2012);
        Assert.False(Check(d, field));
        Assert.False(Check(d, "composite"));
    }

    [Fact]
    public void A_changed_name_is_not_covered_by_any_check_digit()
    {
        var d = Parse(Specimens.Td3.Replace("ANNA", "ANNE"), Before2012);
        Assert.Equal("ANNE MARIA", d.GivenNames);
        Assert.True(d.Valid);
    }

    [Fact]
    public void Empty_personal_number_may_carry_a_filler_as_its_check_digit()
    {
        var d = Parse(Specimens.GermanPassport);
        Assert.Equal("", d.OptionalData);
        Assert.True(Check(d, "personalNumber"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "1 line(s)")]
    [InlineData("A\nB\nC\nD", "4 line(s)")]
    public void Wrong_line_counts_are_named(string mrz, string expected)
    {
        var result = MrzParser.Parse(mrz, Today);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Contains(expected));
    }

    [Fact]
    public void Wrong_line_lengths_are_named_with_the_expected_length()
    {
        var shortTd3 = MrzParser.Parse(Specimens.Td3[..^1], Today);
        Assert.Equal(["Line 2 has 43 characters; line 1 has 44, so line 2 must have 44 too."], shortTd3.Errors);

        var td1 = MrzParser.Parse(Specimens.Td1.Replace("ERIKSSON<<ANNA<MARIA<<<<<<<<<<", "ERIKSSON<<ANNA<MARIA<<<<<<<<<"), Today);
        Assert.Equal(["Line 3 has 29 characters; a three-line identity card (TD1) has 30 on every line."], td1.Errors);

        var odd = MrzParser.Parse("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10", Today);
        Assert.Contains("Line 1 has 41 characters; a two-line MRZ has 36 (TD2) or 44 (passport, TD3) on every line.", odd.Errors);
    }

    [Fact]
    public void Characters_outside_the_mrz_alphabet_are_named_by_line_and_position()
    {
        var result = MrzParser.Parse(Specimens.With(Specimens.Td3, 1, 5, 'Ö'), Today);
        Assert.Equal(["Line 1, position 6: 'Ö' is not allowed; an MRZ holds only A–Z, 0–9 and the filler '<'."], result.Errors);

        var space = MrzParser.Parse(Specimens.With(Specimens.Td1, 3, 8, ' '), Today);
        Assert.Contains("Line 3, position 9: a space is not allowed", space.Errors.Single());
    }

    [Fact]
    public void Lower_case_and_surrounding_whitespace_are_tolerated()
    {
        var d = Parse("  " + Specimens.Td3.ToLowerInvariant().Replace("\n", "\r\n\r\n") + "\n ", Before2012);
        Assert.Equal("ERIKSSON", d.Surname);
        Assert.True(d.Valid);
    }

    [Fact]
    public void Specimens_are_expired_today()
    {
        foreach (var mrz in new[] { Specimens.Td1, Specimens.Td2, Specimens.Td3 })
        {
            var d = Parse(mrz);
            Assert.True(d.Expired);
            Assert.False(d.Valid);
            Assert.All(d.Checks, c => Assert.True(c.Valid));
        }
    }

    [Fact]
    public void A_document_expiring_today_is_still_valid_and_expired_tomorrow()
    {
        var expiry = new DateOnly(2031, 8, 1);
        Assert.False(Parse(Specimens.GermanIdCard, expiry).Expired);
        Assert.True(Parse(Specimens.GermanIdCard, expiry.AddDays(1)).Expired);
    }

    [Theory]
    [InlineData("2026-11-23", 74, 1974)]
    [InlineData("2026-11-23", 15, 2015)]
    [InlineData("2026-11-23", 26, 1926)] // born "2026-12-01" would lie in the future
    [InlineData("2027-12-31", 26, 2026)]
    public void Birth_dates_lie_in_the_past(string today, int yy, int expectedYear)
    {
        var birth = $"{yy:D2}1201";
        var mrz = Build(birth, "300101");
        Assert.Equal(expectedYear, Parse(mrz, DateOnly.Parse(today)).BirthDate!.Value.Year);
    }

    [Theory]
    [InlineData("350101", 2035)]
    [InlineData("760101", 2076)]
    [InlineData("990101", 1999)]
    [InlineData("050101", 2005)]
    public void Expiry_dates_lie_within_fifty_years_of_today(string expiry, int expectedYear)
    {
        Assert.Equal(expectedYear, Parse(Build("800101", expiry)).ExpiryDate!.Value.Year);
    }

    [Theory]
    [InlineData("751231")] // 2075: 49 years ahead (the probe, attack 2 item 16)
    [InlineData("420101")] // 2042: just over fifteen years
    public void An_expiry_more_than_fifteen_years_ahead_is_reported(string expiry)
    {
        var d = Parse(Build("800101", expiry));
        Assert.All(d.Checks, c => Assert.True(c.Valid, c.Field));
        Assert.False(d.Valid);
        Assert.Contains(d.Problems, p => p.Contains("more than 15 years ahead", StringComparison.Ordinal));
        Assert.True(Parse(Build("800101", "361231")).Valid);
    }

    [Theory]
    [InlineData("ZZZ")]
    [InlineData("XYZ")]
    [InlineData("AAA")]
    public void A_state_code_icao_does_not_know_is_reported(string state)
    {
        var mrz = WithState(state);
        var d = Parse(mrz);
        Assert.All(d.Checks, c => Assert.True(c.Valid, c.Field));
        Assert.False(d.Valid);
        Assert.Contains($"The issuing state '{state}' is not a state code of ICAO Doc 9303.", d.Problems);
        Assert.Contains($"The nationality '{state}' is not a state code of ICAO Doc 9303.", d.Problems);
        // Coded, so the clerk's page says it in the clerk's language (it showed the English sentence to Lugano's clerks).
        Assert.Contains(new MrzFinding("unknown-state", "issuingState", state, $"The issuing state '{state}' is not a state code of ICAO Doc 9303."), d.Findings);
        Assert.Contains(d.Findings, f => f is { Code: "unknown-state", Field: "nationality" } && f.Value == state);
    }

    [Theory]
    [InlineData("CHE")]
    [InlineData("D<<")]
    [InlineData("UNO")]
    [InlineData("XXA")]
    [InlineData("GBD")]
    [InlineData("LIE")]
    public void Icao_state_codes_and_its_own_codes_are_accepted(string state)
    {
        var mrz = WithState(state);
        Assert.True(Parse(mrz).Valid, string.Join("; ", Parse(mrz).Problems));
    }

    [Fact]
    public void Impossible_dates_are_reported_not_thrown()
    {
        var d = Parse(Build("801301", "300231"));
        Assert.Null(d.BirthDate);
        Assert.Null(d.ExpiryDate);
        Assert.Contains("The birth date '801301' is not a real date.", d.Problems);
        Assert.Contains("The expiry date '300231' is not a real date.", d.Problems);
        Assert.False(d.Valid);
    }

    [Fact]
    public void Check_digits_follow_the_7_3_1_weighting()
    {
        Assert.Equal(6, CheckDigit.Compute("L898902C3"));
        Assert.Equal(2, CheckDigit.Compute("740812"));
        Assert.Equal(9, CheckDigit.Compute("120415"));
        Assert.Equal(0, CheckDigit.Compute("<<<<<<<<<"));
    }

    /// <summary>A TD1 card with the given dates and correct check digits (so only the dates are under test).</summary>
    /// <summary>A German-style TD1 (valid check digits) naming <paramref name="state"/> as issuing state and nationality.</summary>
    private static string WithState(string state)
    {
        var line1 = $"ID{state}T220001293<<<<<<<<<<<<<<<";
        var line2 = $"800101{CheckDigit.Compute("800101")}F310801{CheckDigit.Compute("310801")}{state}<<<<<<<<<<<";
        var composite = CheckDigit.Compute(line1[5..30] + line2[0..7] + line2[8..15] + line2[18..29]);
        return $"{line1}\n{line2}{composite}\nMUSTERMANN<<ERIKA<<<<<<<<<<<<<";
    }

    private static string Build(string birth, string expiry)
    {
        var line1 = "IDD<<T220001293<<<<<<<<<<<<<<<";
        var line2 = $"{birth}{CheckDigit.Compute(birth)}F{expiry}{CheckDigit.Compute(expiry)}D<<<<<<<<<<<<<";
        var composite = CheckDigit.Compute(line1[5..30] + line2[0..7] + line2[8..15] + line2[18..29]);
        return $"{line1}\n{line2}{composite}\nMUSTERMANN<<ERIKA<<<<<<<<<<<<<";
    }
}
