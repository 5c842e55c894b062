using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;

namespace Municipal.Gateway.Staff;

/// <summary>
/// Refuses a staff password an attacker would try early: one of the passwords most often found in breaches, a word of
/// a dictionary with a year and a symbol ("Sommer2026!!!"), a keyboard row or a sequence ("Qwertz123456!"), or the
/// account's own name or the counter's ("Schalter-2026!" for a clerk of the digital counter), however it meets the
/// length and character rules. NIST SP 800-63B §5.1.1.2 asks for exactly that check. The estimate is zxcvbn's
/// (the zxcvbn-core port, with its lists of common passwords, words and names): a password whose score is below
/// <see cref="MinimumScore"/> is refused with the code <c>password-guessable</c>.
/// </summary>
/// <remarks>
/// zxcvbn's matching grows with the square of the length (a 256-character password took 3 s here); only the first
/// <see cref="CheckedLength"/> characters are estimated, which is far past where a password stops being guessable.
/// An estimate takes 0.1–0.5 s of CPU on this machine: they run one at a time, and a password change is limited per
/// account (<c>RateLimits:PasswordChangesPerAccount</c>).
/// </remarks>
public sealed partial class GuessablePasswords(IConfiguration configuration) : IPasswordValidator<StaffUser>
{
    public const string Code = "PasswordGuessable";

    /// <summary>zxcvbn's 3: "safely unguessable", about 10^10 guesses.</summary>
    public const int MinimumScore = 3;

    public const int CheckedLength = 64;

    /// <summary>What anyone knows of this system's staff: its own names in the city's languages.</summary>
    private static readonly string[] CounterWords =
    [
        "schalter", "digitaler", "gemeinde", "stadt", "verwaltung", "rathaus", "passwort", "kennwort",
        "guichet", "numerique", "mairie", "commune", "sportello", "digitale", "comune", "municipio",
        "counter", "digital", "municipal", "password",
    ];

    /// <summary>One estimate at a time in this process: it is CPU alone, and password changes are rare.</summary>
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public async Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return IdentityResult.Success;
        var checkedPart = password.Length > CheckedLength ? password[..CheckedLength] : password;
        var folded = Folded(checkedPart);
        var known = KnownWords(user).ToList();
        int score;
        await OneAtATime.WaitAsync();
        try
        {
            score = Zxcvbn.Zxcvbn.MatchPassword(checkedPart, known).Score;
            if (score >= MinimumScore && folded != checkedPart) score = Math.Min(score, Zxcvbn.Zxcvbn.MatchPassword(folded, known).Score);
        }
        finally
        {
            OneAtATime.Release();
        }
        return score >= MinimumScore
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError
            {
                Code = Code,
                Description = "This password is easy to guess (a common password, a word with a year, or a name). Choose, for example, three unrelated words with symbols between them.",
            });
    }

    /// <summary>
    /// The password as an attacker's rules reach it as cheaply as the password itself, which this zxcvbn (the older
    /// algorithm) scores far above it: a refused password written twice ("Schalter-2026!Schalter-2026!") or a short
    /// block repeated ("Aa1!Aa1!Aa1!Aa1!"), which it reads as unrelated words; emoji, which it guesses as letters of an
    /// alphabet of a million ("Aa1🔑🔑🔑🔑🔑🔑🔑🔑🔑" scored 4); letters written with combining marks or in full width,
    /// which it does not find in its lists ("E\u0301e\u0301e\u0301…"). Folded: NFKC, every symbol (emoji) one '!', and
    /// a block repeated (at least 2 characters three times, or 4 twice) written once. Probe, 2026-12-07.
    /// </summary>
    public static string Folded(string password)
    {
        string text;
        try
        {
            text = password.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Not valid UTF-16 (a lone surrogate): judged as it is.
            text = password;
        }
        var symbols = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherSymbol) symbols.Append('!');
            else symbols.Append(rune.ToString());
        }
        return Repeated().Replace(symbols.ToString(), m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
    }

    [GeneratedRegex(@"(.{2,}?)\1{2,}|(.{4,}?)\2+", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Repeated();

    /// <summary>The account's user and display name, whole and word by word, and the city's own words (<c>Auth:PasswordContextWords</c>).</summary>
    private IEnumerable<string> KnownWords(StaffUser user)
    {
        var names = new[] { user.UserName, user.DisplayName }.OfType<string>().Where(n => n.Length > 0).ToList();
        var words = names.SelectMany(n => n.Split([' ', '.', '-', '_', '@', '+'], StringSplitOptions.RemoveEmptyEntries)).Where(w => w.Length >= 3);
        var city = configuration.GetSection("Auth:PasswordContextWords").Get<string[]>() ?? [];
        return names.Concat(words).Concat(CounterWords).Concat(city).Select(w => w.ToLowerInvariant()).Distinct();
    }
}
