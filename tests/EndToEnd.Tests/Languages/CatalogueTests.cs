using System.Text.Json;
using System.Text.RegularExpressions;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Languages;

/// <summary>
/// Issue 17: nothing is left untranslated by accident. Every page's register({ de, en, fr, it, 'de-x-ls' }) call is
/// read from wwwroot and evaluated in Chromium (the object literal as the browser sees it); every key must be there
/// in German, English, French and Italian, and in Leichte Sprache on the pages a resident must be able to read in
/// it. Problem reason codes the services send must have a text in every language of the page that shows them.
/// </summary>
public sealed partial class CatalogueTests(Browser browser) : IClassFixture<Browser>
{
    private static readonly string[] Languages = ["de", "en", "fr", "it"];

    /// <summary>The start page, booking and queue pages, the room's instructions: these must be in Leichte Sprache.</summary>
    private static readonly string[] EasyGermanRequired =
    [
        "shared/i18n.js", "citizen/home.js", "citizen/book.js", "citizen/manage.js", "citizen/queue.js", "citizen/room.js",
        "shared/rtc.js", "shared/signaling.js", "shared/slot-picker.js",
    ];

    private static string WebRoot => Path.Combine(TestEnvironment.RepositoryRoot, "gateway", "wwwroot");

    [GeneratedRegex(@"^register\(\{", RegexOptions.Multiline)]
    private static partial Regex RegisterCall();

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();

    [Fact]
    public async Task Every_key_of_every_page_is_there_in_every_language()
    {
        var catalogues = await CataloguesAsync();
        Assert.True(catalogues.Count >= 25, $"only {catalogues.Count} register() calls found");
        var missing = new List<string>();
        foreach (var (file, catalogue) in catalogues)
        {
            var keys = catalogue.Values.SelectMany(texts => texts.Keys).ToHashSet();
            var wanted = EasyGermanRequired.Contains(file) ? [.. Languages, "de-x-ls"] : Languages;
            foreach (var language in wanted)
            {
                var texts = catalogue.GetValueOrDefault(language) ?? [];
                missing.AddRange(keys.Where(key => !texts.ContainsKey(key)).Select(key => $"{file}: {language} lacks '{key}'"));
                missing.AddRange(texts.Where(text => string.IsNullOrWhiteSpace(text.Value) && !string.IsNullOrWhiteSpace(catalogue["de"].GetValueOrDefault(text.Key)))
                    .Select(text => $"{file}: {language} has an empty '{text.Key}'"));
            }
            // A translation that loses or invents a placeholder shows "{name}" or drops the name.
            foreach (var (language, texts) in catalogue)
            {
                foreach (var (key, text) in texts)
                {
                    if (!catalogue["de"].TryGetValue(key, out var german)) continue;
                    var expected = Placeholder().Matches(german).Select(m => m.Value).Distinct().Order();
                    var actual = Placeholder().Matches(text).Select(m => m.Value).Distinct().Order();
                    if (!expected.SequenceEqual(actual)) missing.Add($"{file}: {language} '{key}' has placeholders {string.Join(",", actual)} instead of {string.Join(",", expected)}");
                }
            }
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public async Task Every_reason_code_the_services_send_has_a_text_in_every_language()
    {
        var catalogues = await CataloguesAsync();
        var services = Path.Combine(TestEnvironment.RepositoryRoot, "services");
        string Source(string folder) => string.Join("\n", Directory.EnumerateFiles(Path.Combine(services, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")).Select(File.ReadAllText));

        // The document intake's refusals: UploadRejected.For(field, "code", …), UploadProblems.Field(field, "code", …),
        // and the inspection's findings ("unsupported", "polyglot" …), shown by the documents panel as docs.reason.<code>.
        var intake = Source("DocumentIntake");
        var documentCodes = Regex.Matches(intake, @"(?:UploadRejected\.For|UploadProblems\.Field)\([^,]+,\s*""([a-z-]+)""").Select(m => m.Groups[1].Value)
            .Concat(Regex.Matches(intake, @"\[""([a-z-]+)""\]\s*=\s*""").Select(m => m.Groups[1].Value))
            .Concat(Regex.Matches(intake, @"\((?:kind|null), ""([a-z-]+)""\)").Select(m => m.Groups[1].Value))
            .ToHashSet();
        Assert.Contains("polyglot", documentCodes);
        Assert.Contains("too-many-files", documentCodes);
        var missing = Lacking(catalogues["shared/documents-panel.js"], documentCodes.Select(code => $"docs.reason.{code}"));

        // The TAN refusals carry { reason }: the co-filling panel shows them as cf.tan.<reason> (wrongCode as cf.tan.wrong).
        var identity = Source("IdentityVerification");
        var tanCodes = Regex.Matches(identity, @"Refused\(StatusCodes\.\w+, ""(\w+)""").Select(m => m.Groups[1].Value)
            .Concat(Regex.Matches(identity, @"\[""reason""\] = ""(\w+)""").Select(m => m.Groups[1].Value))
            .ToHashSet();
        Assert.Contains("wrongCode", tanCodes);
        missing.AddRange(Lacking(catalogues["shared/cofill.js"], tanCodes.Select(code => code == "wrongCode" ? "cf.tan.wrong" : $"cf.tan.{code}")));
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    private static List<string> Lacking(Dictionary<string, Dictionary<string, string>> catalogue, IEnumerable<string> keys) =>
        [.. from key in keys from language in Languages where !(catalogue.GetValueOrDefault(language)?.ContainsKey(key) ?? false) select $"{language} lacks '{key}'"];

    /// <summary>Each file's register() object literal (the first, if a file had more), evaluated by Chromium.</summary>
    private async Task<Dictionary<string, Dictionary<string, Dictionary<string, string>>>> CataloguesAsync()
    {
        await using var context = await browser.Instance.NewContextAsync();
        var page = await context.NewPageAsync();
        var result = new Dictionary<string, Dictionary<string, Dictionary<string, string>>>();
        foreach (var path in Directory.EnumerateFiles(WebRoot, "*.js", SearchOption.AllDirectories).Where(p => !p.Contains("vendor")))
        {
            var source = await File.ReadAllTextAsync(path);
            // Pages call register({ … }) at the start of a line (the shape every page keeps).
            var call = RegisterCall().Match(source);
            if (!call.Success) continue;
            var literal = ObjectLiteral(source, call.Index + "register(".Length);
            var json = await page.EvaluateAsync<string>($"() => JSON.stringify({literal})");
            var file = Path.GetRelativePath(WebRoot, path).Replace(Path.DirectorySeparatorChar, '/');
            result[file] = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(json)!;
        }
        return result;
    }

    /// <summary>The balanced { … } starting at <paramref name="start"/>, skipping braces inside string literals.</summary>
    private static string ObjectLiteral(string source, int start)
    {
        var depth = 0;
        char? quote = null;
        for (var i = start; i < source.Length; i++)
        {
            var c = source[i];
            if (quote is not null)
            {
                if (c == '\\') i++;
                else if (c == quote) quote = null;
                continue;
            }
            if (c is '\'' or '"' or '`') quote = c;
            else if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return source[start..(i + 1)];
        }
        throw new InvalidOperationException("unbalanced register() call");
    }
}
