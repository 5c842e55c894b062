using Microsoft.Extensions.Configuration;
using Municipal.Gateway.Staff;

namespace Municipal.Gateway.Tests;

/// <summary>The check against guessable staff passwords, apart from the password change that runs it.</summary>
public sealed class GuessablePasswordsTests
{
    private static readonly StaffUser Clerk = new() { UserName = "clerk.lugano", DisplayName = "Chiara Bernasconi" };

    private static async Task<bool> PassesAsync(string password, StaffUser? user = null, params string[] cityWords)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            cityWords.Select((word, i) => new KeyValuePair<string, string?>($"Auth:PasswordContextWords:{i}", word))).Build();
        var result = await new GuessablePasswords(configuration).ValidateAsync(null!, user ?? Clerk, password);
        Assert.True(result.Succeeded || result.Errors.Single().Code == GuessablePasswords.Code);
        return result.Succeeded;
    }

    [Theory]
    [InlineData("Password123!")]
    [InlineData("Passwort1234!")]
    [InlineData("Qwertz123456!")]
    [InlineData("1234567890ab!")]
    [InlineData("Sommer2026!!!")]
    [InlineData("Schalter-2026!")]
    [InlineData("Guichet-2026!!")]
    [InlineData("Digitaler-Schalter1")]
    public async Task A_common_password_a_word_with_a_year_or_the_counters_own_name_is_refused(string password) =>
        Assert.False(await PassesAsync(password));

    /// <summary>
    /// Probe 2026-12-07: zxcvbn scored each of these 4 of 4 — a refused password written twice, a block repeated, emoji
    /// (guessed as letters of a huge alphabet), a word in combining marks or full-width letters. Each is as cheap to try
    /// as the password it folds to.
    /// </summary>
    [Theory]
    [InlineData("Schalter-2026!Schalter-2026!")]
    [InlineData("Aa1!Aa1!Aa1!Aa1!")]
    [InlineData("Aa1🔑🔑🔑🔑🔑🔑🔑🔑🔑")]
    [InlineData("Ab1!😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀")]
    [InlineData("1900190019001900Aa!")]
    [InlineData("E\u0301e\u0301e\u0301e\u0301e\u0301e\u03011!")]
    [InlineData("Ｐａｓｓｗｏｒｄ123!")]
    public async Task A_password_repeated_in_emoji_or_in_other_code_points_is_as_guessable_as_its_plain_form(string password) =>
        Assert.False(await PassesAsync(password));

    [Theory]
    [InlineData("Aa1!🔑🗝️🔐🔒-Mond-Stern")]
    [InlineData("Tee-Tee-Tee-Kuchen-7!")]
    [InlineData("Mississippi-Fluss-9!")]
    [InlineData("Kaffee°Tasse-Regen7")]
    public async Task Words_beside_emoji_or_a_repeated_word_still_pass(string password) => Assert.True(await PassesAsync(password));

    [Fact]
    public async Task The_accounts_own_names_count_whole_and_word_by_word()
    {
        var paula = new StaffUser { UserName = "paula.keller", DisplayName = "Paula Keller" };
        Assert.False(await PassesAsync("Paula2026!Zz", paula));
        // The same password is not refused for an account of another name: it is the name that makes it guessable.
        Assert.True(await PassesAsync("Paula2026!Zz", Clerk));
    }

    [Fact]
    public async Task The_city_adds_its_own_words()
    {
        Assert.True(await PassesAsync("Bellinzona-26!x"));
        Assert.False(await PassesAsync("Bellinzona-26!x", null, "Bellinzona"));
    }

    [Theory]
    [InlineData("Herbst-Laub-Tee-9")]
    [InlineData("Zürich-Bahnhof-7!")]
    [InlineData("Mein-Eigenes-2026!")]
    [InlineData("correct horse battery staple")]
    public async Task Unrelated_words_with_symbols_pass(string password) => Assert.True(await PassesAsync(password));

    [Fact]
    public async Task A_long_password_is_judged_by_its_first_64_characters()
    {
        // Past 64 characters nothing more is read (zxcvbn's work grows with the square of the length): a guessable
        // start followed by anything is still guessable, and a strong start stays strong whatever follows.
        Assert.False(await PassesAsync(string.Concat(Enumerable.Repeat("password", 8)) + "Xy7!-unrelated-words-after-the-cut"));
        Assert.True(await PassesAsync("Herbst-Laub-Tee-9" + new string('a', 200)));
    }
}
