using System.Globalization;
using System.Text;
using Municipal.ServiceDefaults;

namespace Municipal.IdentityVerification.Mrz;

/// <summary>
/// Reads the machine-readable zone of an ICAO Doc 9303 travel document (parts 4–7). Structural faults
/// (line count, length, characters) make the text unreadable and are returned as errors; faults inside a
/// readable zone (a check digit, an impossible date) are reported on the document so the clerk sees all of them.
/// </summary>
public static class MrzParser
{
    private const int MaxCharacterErrors = 5;

    /// <summary>
    /// How far ahead an expiry may lie. Passports and identity cards are issued for at most 10 years here (Switzerland,
    /// Germany, Austria, Italy, France since 2014) and in most states; 15 leaves room for the few that issued longer
    /// (France's cards of 2004–2013). Further ahead is a typing error or a forgery, reported like an expired document.
    /// </summary>
    public const int MaxYearsAhead = 15;

    public static MrzParseResult Parse(string? text, DateOnly today)
    {
        var lines = (text ?? "")
            .Replace("\r", "")
            .Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0)
            // Lower case is unambiguous when typed by hand; everything else outside the MRZ alphabet is an error.
            .Select(l => new string(l.Select(c => c is >= 'a' and <= 'z' ? char.ToUpperInvariant(c) : c).ToArray()))
            .ToList();

        var errors = Structure(lines);
        if (errors.Count > 0)
        {
            return new MrzParseResult(null, [.. errors.Select(e => e.Text)]) { Reasons = errors };
        }

        var document = lines.Count == 3 ? ParseTd1(lines, today) : ParseTwoLine(lines, today);
        return new MrzParseResult(document, []);
    }

    private static List<Reason> Structure(List<string> lines)
    {
        var errors = new List<Reason>();
        if (lines.Count == 0)
        {
            errors.Add(new Reason("mrz-empty", "The MRZ is empty. Type the two or three lines printed at the bottom of the document."));
            return errors;
        }
        if (lines.Count is not (2 or 3))
        {
            errors.Add(new Reason("mrz-line-count", $"The MRZ has {lines.Count} line(s); identity cards (TD1) have 3 lines of 30 characters, TD2 documents 2 lines of 36 and passports (TD3) 2 lines of 44.")
                .With("count", lines.Count));
            return errors;
        }

        var expected = lines.Count == 3 ? 30 : lines[0].Length is 36 or 44 ? lines[0].Length : 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines.Count == 3 && lines[i].Length != 30)
            {
                errors.Add(new Reason("mrz-td1-length", $"Line {i + 1} has {lines[i].Length} characters; a three-line identity card (TD1) has 30 on every line.")
                    .With("line", i + 1).With("length", lines[i].Length));
            }
            else if (lines.Count == 2 && expected == 0 && i == 0)
            {
                errors.Add(new Reason("mrz-two-line-length", $"Line 1 has {lines[0].Length} characters; a two-line MRZ has 36 (TD2) or 44 (passport, TD3) on every line.")
                    .With("length", lines[0].Length));
            }
            else if (lines.Count == 2 && expected != 0 && lines[i].Length != expected)
            {
                errors.Add(new Reason("mrz-line-length", $"Line {i + 1} has {lines[i].Length} characters; line 1 has {expected}, so line {i + 1} must have {expected} too.")
                    .With("line", i + 1).With("length", lines[i].Length).With("expected", expected));
            }
        }

        var characterErrors = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            for (var p = 0; p < lines[i].Length && characterErrors < MaxCharacterErrors; p++)
            {
                var c = lines[i][p];
                if (c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '<') continue;
                var shown = char.IsWhiteSpace(c) ? "a space" : $"'{c}'";
                errors.Add(new Reason("mrz-character", $"Line {i + 1}, position {p + 1}: {shown} is not allowed; an MRZ holds only A–Z, 0–9 and the filler '<'.")
                    .With("line", i + 1).With("position", p + 1).With("character", char.IsWhiteSpace(c) ? "␣" : $"'{c}'"));
                characterErrors++;
            }
        }
        return errors;
    }

    private static MrzDocument ParseTd1(List<string> lines, DateOnly today)
    {
        string l1 = lines[0], l2 = lines[1], l3 = lines[2];
        var problems = new List<MrzFinding>();
        var checks = new List<MrzCheck>();

        var (number, numberCheck, optional1) = LongDocumentNumber(l1[5..14], l1[14], l1[15..30], problems);
        checks.Add(Check("documentNumber", number, numberCheck));
        checks.Add(Check("birthDate", l2[0..6], l2[6]));
        checks.Add(Check("expiryDate", l2[8..14], l2[14]));
        checks.Add(Check("composite", l1[5..30] + l2[0..7] + l2[8..15] + l2[18..29], l2[29]));

        var (surname, given, truncated) = Names(l3);
        return Build(MrzFormat.Td1, l1[0..2], l1[2..5], number, surname, given, truncated, l2[15..18],
            l2[0..6], l2[7], l2[8..14], Filler(optional1), Filler(l2[18..29]), checks, problems, today);
    }

    private static MrzDocument ParseTwoLine(List<string> lines, DateOnly today)
    {
        string l1 = lines[0], l2 = lines[1];
        var format = l1.Length == 44 ? MrzFormat.Td3 : MrzFormat.Td2;
        var isVisa = l1[0] == 'V';
        var last = l2.Length - 1;
        var problems = new List<MrzFinding>();
        var checks = new List<MrzCheck>();

        // Visas (MRV-A/B) have no composite check: their optional data run to the end of line 2.
        var optionalEnd = isVisa ? l2.Length : format == MrzFormat.Td3 ? 42 : last;
        var optional = l2[28..optionalEnd];
        string number;
        char numberCheck;
        if (format == MrzFormat.Td2 && !isVisa)
        {
            (number, numberCheck, optional) = LongDocumentNumber(l2[0..9], l2[9], optional, problems);
        }
        else
        {
            (number, numberCheck) = (l2[0..9].TrimEnd('<'), l2[9]);
        }

        checks.Add(Check("documentNumber", number, numberCheck));
        checks.Add(Check("birthDate", l2[13..19], l2[19]));
        checks.Add(Check("expiryDate", l2[21..27], l2[27]));
        if (format == MrzFormat.Td3 && !isVisa)
        {
            // An empty personal number may carry '<' instead of a check digit (Doc 9303 part 4 §4.2.2.2).
            var personal = l2[28..42];
            var check = Check("personalNumber", personal, l2[42]);
            checks.Add(personal.All(c => c == '<') && l2[42] == '<' ? check with { Valid = true } : check);
        }
        if (!isVisa)
        {
            checks.Add(Check("composite", l2[0..10] + l2[13..20] + l2[21..last], l2[last]));
        }

        var (surname, given, truncated) = Names(l1[5..]);
        return Build(format, l1[0..2], l1[2..5], number, surname, given, truncated, l2[10..13],
            l2[13..19], l2[20], l2[21..27], Filler(optional), null, checks, problems, today);
    }

    /// <summary>
    /// A document number longer than nine characters continues in the optional data: '&lt;' stands where the
    /// check digit would be, and the rest of the number is followed by its check digit (Doc 9303 part 5 note j).
    /// </summary>
    private static (string Number, char Check, string Optional) LongDocumentNumber(string principal, char check, string optional, List<MrzFinding> problems)
    {
        if (check != '<' || principal.EndsWith('<'))
        {
            return (principal.TrimEnd('<'), check, optional);
        }
        var end = optional.IndexOf('<');
        if (end < 1)
        {
            problems.Add(new("number-check-missing", "documentNumber", null, "The document number continues in the optional data but its check digit is missing."));
            return (principal, '<', optional);
        }
        return (principal + optional[..(end - 1)], optional[end - 1], optional[(end + 1)..]);
    }

    private static MrzDocument Build(
        MrzFormat format, string code, string state, string number, string surname, string given, bool truncated,
        string nationality, string birth, char sex, string expiry, string optional1, string? optional2,
        List<MrzCheck> checks, List<MrzFinding> problems, DateOnly today)
    {
        var documentCode = code.TrimEnd('<');
        if (documentCode.Length == 0 || !char.IsAsciiLetterUpper(documentCode[0]))
        {
            problems.Add(new("document-code", "documentCode", code, $"The document code '{code}' must start with a letter (P passport, I/A/C identity card, V visa)."));
        }
        var issuingState = Country(state, "issuing state", "issuingState", problems);
        var nationalityCode = Country(nationality, "nationality", "nationality", problems);
        if (number.Length == 0)
        {
            problems.Add(new("number-empty", "documentNumber", null, "The document number is empty."));
        }
        if (surname.Length == 0)
        {
            problems.Add(new("no-surname", "surname", null, "The name field holds no surname."));
        }

        var birthDate = ParseDate(birth, "birth date", "birthDate", problems, (yy, mm, dd) => Birth(yy, mm, dd, today));
        var expiryDate = ParseDate(expiry, "expiry date", "expiryDate", problems, (yy, _, _) => Expiry(yy, today));
        if (expiryDate is { } until && until > today.AddYears(MaxYearsAhead))
        {
            problems.Add(new("expiry-too-far", "expiryDate", until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                $"The expiry date {until:yyyy-MM-dd} is more than {MaxYearsAhead} years ahead: no identity card or passport is valid that long."));
        }
        if (sex is not ('M' or 'F' or 'X' or '<'))
        {
            problems.Add(new("sex", "sex", sex.ToString(), $"The sex '{sex}' must be M, F, X or '<'."));
        }

        return new MrzDocument(format, documentCode, DocumentType(documentCode), issuingState, number, surname, given, truncated,
            nationalityCode, birthDate, sex == '<' ? "unspecified" : sex.ToString(), expiryDate, optional1, optional2,
            checks, problems, expiryDate is { } e && e < today);
    }

    private static string DocumentType(string code) => code.FirstOrDefault() switch
    {
        'P' => "passport",
        'I' or 'A' or 'C' => "identity-card",
        'V' => "visa",
        _ => "other",
    };

    /// <summary>
    /// Three-letter ICAO codes, except Germany's historic single 'D' padded with fillers ('D&lt;&lt;'); a code of the
    /// right shape that no state or organisation holds ('ZZZ') is reported too (<see cref="IcaoStates"/>).
    /// </summary>
    private static string Country(string field, string name, string key, List<MrzFinding> problems)
    {
        var code = field.TrimEnd('<');
        if (code.Length == 0 || code.Any(c => !char.IsAsciiLetterUpper(c)))
        {
            problems.Add(new("not-country", key, field, $"The {name} '{field}' is not a country code."));
        }
        else if (!IcaoStates.IsKnown(code))
        {
            problems.Add(new("unknown-state", key, code, $"The {name} '{code}' is not a state code of ICAO Doc 9303."));
        }
        return code;
    }

    private static DateOnly? ParseDate(string yymmdd, string name, string key, List<MrzFinding> problems, Func<int, int, int, int> century)
    {
        if (!yymmdd.All(char.IsAsciiDigit))
        {
            problems.Add(new("incomplete-date", key, yymmdd, $"The {name} '{yymmdd}' is not a complete date (YYMMDD)."));
            return null;
        }
        int yy = int.Parse(yymmdd[0..2]), mm = int.Parse(yymmdd[2..4]), dd = int.Parse(yymmdd[4..6]);
        var year = century(yy, mm, dd);
        if (mm is < 1 or > 12 || dd < 1 || dd > DateTime.DaysInMonth(year, mm))
        {
            problems.Add(new("not-a-date", key, yymmdd, $"The {name} '{yymmdd}' is not a real date."));
            return null;
        }
        return new DateOnly(year, mm, dd);
    }

    /// <summary>A birth date lies in the past: the latest century that does not put it after today.</summary>
    private static int Birth(int yy, int mm, int dd, DateOnly today) =>
        2000 + yy > today.Year || (2000 + yy == today.Year && (mm, dd).CompareTo((today.Month, today.Day)) > 0) ? 1900 + yy : 2000 + yy;

    /// <summary>An expiry date lies within fifty years of today, in either direction.</summary>
    private static int Expiry(int yy, DateOnly today) => 2000 + yy > today.Year + 50 ? 1900 + yy : 2000 + yy;

    private static (string Surname, string Given, bool Truncated) Names(string field)
    {
        var truncated = !field.EndsWith('<');
        var trimmed = field.TrimEnd('<');
        var split = trimmed.IndexOf("<<", StringComparison.Ordinal);
        var primary = split < 0 ? trimmed : trimmed[..split];
        var secondary = split < 0 ? "" : trimmed[(split + 2)..];
        return (Words(primary), Words(secondary), truncated);
    }

    private static string Words(string part)
    {
        var builder = new StringBuilder(part.Length);
        foreach (var word in part.Split('<', StringSplitOptions.RemoveEmptyEntries))
        {
            if (builder.Length > 0) builder.Append(' ');
            builder.Append(word);
        }
        return builder.ToString();
    }

    private static string Filler(string field) => field.TrimEnd('<').Replace('<', ' ');

    private static MrzCheck Check(string field, string data, char printed)
    {
        var computed = CheckDigit.Compute(data);
        return new MrzCheck(field, printed, computed, char.IsAsciiDigit(printed) && printed - '0' == computed);
    }
}
