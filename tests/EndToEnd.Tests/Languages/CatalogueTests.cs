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

    /// <summary>The start page, booking and queue pages, the room's instructions, forms, dossier and upload: these must be in Leichte Sprache.</summary>
    private static readonly string[] EasyGermanRequired =
    [
        "shared/i18n.js", "citizen/home.js", "citizen/book.js", "citizen/manage.js", "citizen/queue.js", "citizen/room.js",
        "shared/rtc.js", "shared/signaling.js", "shared/slot-picker.js", "citizen/feedback.js",
        // Signing a form, by hand or with a code: the binding moment.
        "shared/signing.js",
        // The reasons a resident's input can be refused for (issue 16 item 11).
        "shared/problems.js",
        // A form at home, its dossier and the documents sent for it (phone walk: the upload page and the form list
        // read German in Leichte Sprache, PhoneWalkTests).
        "citizen/form.js", "citizen/dossier.js", "citizen/upload.js", "shared/upload.js", "shared/documents-panel.js", "shared/file-pick.js",
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
        // and the inspection's findings ("unsupported", "polyglot" …), shown by the one upload flow (shared/upload.js) as docs.reason.<code>.
        var intake = Source("DocumentIntake");
        var documentCodes = Regex.Matches(intake, @"(?:UploadRejected\.For|UploadProblems\.Field)\([^,]+,\s*""([a-z-]+)""").Select(m => m.Groups[1].Value)
            .Concat(Regex.Matches(intake, @"\[""([a-z-]+)""\]\s*=\s*""").Select(m => m.Groups[1].Value))
            .Concat(Regex.Matches(intake, @"\((?:kind|null), ""([a-z-]+)""\)").Select(m => m.Groups[1].Value))
            .ToHashSet();
        Assert.Contains("polyglot", documentCodes);
        Assert.Contains("too-many-files", documentCodes);
        var missing = Lacking(catalogues["shared/upload.js"], documentCodes.Select(code => $"docs.reason.{code}"));

        // The TAN refusals carry { reason }: the signing part (shared/signing.js) shows them as cf.tan.<reason> (wrongCode as cf.tan.wrong).
        var identity = Source("IdentityVerification");
        var tanCodes = Regex.Matches(identity, @"Refused\(StatusCodes\.\w+, ""(\w+)""").Select(m => m.Groups[1].Value)
            .Concat(Regex.Matches(identity, @"\[""reason""\] = ""(\w+)""").Select(m => m.Groups[1].Value))
            .ToHashSet();
        Assert.Contains("wrongCode", tanCodes);
        missing.AddRange(Lacking(catalogues["shared/signing.js"], tanCodes.Select(code => code == "wrongCode" ? "cf.tan.wrong" : $"cf.tan.{code}")));
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    /// <summary>
    /// The city speaks to residents in Italian with "voi" (as its mails do); the polite "Lei" is for staff texts only.
    /// The probe found "con lei" and "Può avviare lei stesso" on the room's pages, beside "Potete" a line above.
    /// </summary>
    [Fact]
    public async Task Residents_read_italian_addressed_with_voi_not_lei()
    {
        var catalogues = await CataloguesAsync();
        var lei = new Regex(@"\b[Ll]ei\b");
        var found = catalogues
            .Where(c => !c.Key.StartsWith("agent/", StringComparison.Ordinal) && c.Key != "shared/problems-staff.js")
            .SelectMany(c => (c.Value.GetValueOrDefault("it") ?? []).Select(text => (File: c.Key, text.Key, text.Value)))
            // A shared file's clerk texts (cf.none.clerk, ….staff) keep the clerk's "Lei".
            .Where(t => !Regex.IsMatch(t.Key, @"(^|\.)(clerk|staff|agent)(\.|$)", RegexOptions.IgnoreCase) && lei.IsMatch(t.Value))
            .Select(t => $"{t.File}: '{t.Key}': {t.Value}").ToList();
        Assert.True(found.Count == 0, "Italian for residents with Lei:\n" + string.Join("\n", found));
    }

    /// <summary>
    /// Issue 16 item 11, issue 17 item 4: every reason code a service, the gateway or ServiceDefaults creates
    /// (<c>new Reason("code", …)</c>, for a field or for a whole problem)
    /// has a text in shared/problems.js (what residents meet, also in Leichte Sprache) or shared/problems-staff.js, in
    /// every language, naming the same values the server sends (<c>.With("max", …)</c> for <c>{max}</c>).
    /// </summary>
    [Fact]
    public async Task Every_reason_code_of_a_problem_has_a_text_in_every_language()
    {
        var catalogues = await CataloguesAsync();
        var citizen = catalogues["shared/problems.js"];
        var staff = catalogues["shared/problems-staff.js"];
        var codes = ReasonCodes();
        Assert.Contains("name-length", codes.Keys);
        Assert.Contains("closes-before-opens", codes.Keys);
        Assert.Contains("features-unconfirmed", codes.Keys);
        Assert.True(codes.Count >= 100, $"only {codes.Count} reason codes found in the source");

        var missing = new List<string>();
        foreach (var (code, args) in codes)
        {
            var key = $"problem.{code}";
            var catalogue = citizen["de"].ContainsKey(key) ? citizen : staff;
            foreach (var language in Languages)
            {
                if (catalogue.GetValueOrDefault(language)?.GetValueOrDefault(key) is not { } text) { missing.Add($"{language} lacks '{key}'"); continue; }
                // A placeholder the server never fills would show the English fallback instead of the translation.
                var unfilled = Placeholder().Matches(text).Select(m => m.Groups[1].Value).Where(name => !args.Contains(name)).Distinct().ToList();
                if (unfilled.Count > 0) missing.Add($"{language} '{key}' names {string.Join(", ", unfilled)}, which the server does not send");
            }
        }
        // Only codes a service sends: a text for a code nobody sends is a leftover.
        missing.AddRange(citizen["de"].Keys.Concat(staff["de"].Keys).Where(key => key.StartsWith("problem.", StringComparison.Ordinal) && !codes.ContainsKey(key["problem.".Length..]))
            .Select(key => $"'{key}' is sent by no service"));
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    /// <summary>
    /// Issue 16 item 11: no service answers a validation problem without reason codes. The code-less overloads
    /// (<c>Problems.Field(field, "text")</c>, a raw <c>TypedResults.ValidationProblem</c>, <c>errors[field] = ["text"]</c>)
    /// are not used outside ServiceDefaults; the form definitions' rule errors (their own codes) and the document intake's
    /// upload refusals (docs.reason.*) carry codes of their own.
    /// </summary>
    [Fact]
    public void No_service_refuses_a_field_without_a_reason_code()
    {
        var offending = new List<string>();
        foreach (var (file, line) in SourceLines())
        {
            if (file.StartsWith("ServiceDefaults/Problems.cs", StringComparison.Ordinal)) continue;
            var uncoded = Regex.IsMatch(line, @"(?<!\w)Problems\.Field\(\s*(?:\$?""[^""]*""|[\w.]+)\s*,\s*\$?""")
                || Regex.IsMatch(line, @"Problems\.Fields\(new Dictionary")
                || (line.Contains("TypedResults.ValidationProblem(", StringComparison.Ordinal) && !SourceStatement(file, line).Contains("Problems.Extensions(", StringComparison.Ordinal)
                    && !SourceStatement(file, line).Contains("[\"reasons\"]", StringComparison.Ordinal))
                || (Regex.IsMatch(line, @"errors\[[^\]]+\]\s*=\s*\[") && !file.StartsWith("services/DocumentIntake/Submissions/", StringComparison.Ordinal));
            if (uncoded) offending.Add($"{file}: {line.Trim()}");
        }
        Assert.True(offending.Count == 0, "Validation problems without a reason code:\n" + string.Join("\n", offending));
    }

    /// <summary>
    /// Issue 17 item 1: every other problem (not found, conflict, forbidden, an invalid link, busy, a quota, the gateway's
    /// own refusals) carries a reason code for the whole answer (<c>code</c>, <c>codeArgs</c>): the helpers take a
    /// <c>Reason</c> (<c>Problems.NotFound(new Reason("no-draft", …))</c>), and a raw <c>TypedResults.Problem</c> /
    /// <c>Results.Problem</c> adds <c>Problems.Coded(reason)</c> (the string overloads are gone); the document intake's
    /// upload refusals are validation problems with codes of their own (docs.reason.*).
    /// </summary>
    [Fact]
    public void No_service_answers_a_problem_without_a_reason_code()
    {
        var offending = new List<string>();
        foreach (var (file, line) in SourceLines())
        {
            if (file is "ServiceDefaults/Problems.cs" or "services/DocumentIntake/Apis/UploadProblems.cs") continue;
            var statement = SourceStatement(file, line);
            foreach (Match call in Regex.Matches(line, @"(?<![\w.])Problems\.(NotFound|Conflict|Forbidden|Busy|Status)\("))
            {
                // The arguments up to the end of the statement (a call may continue on the next two lines).
                var arguments = statement[(statement.IndexOf(call.Value, StringComparison.Ordinal) + call.Length)..];
                var coded = Regex.IsMatch(arguments, @"new Reason\(|Reasons\.\w|\breason\b");
                var literalFirst = call.Groups[1].Value != "Status" && Regex.IsMatch(arguments, @"^\s*\$?""");
                if (!coded || literalFirst) offending.Add($"{file}: {line.Trim()}");
            }
            if (Regex.IsMatch(line, @"(?<![\w.])(?:TypedResults|Results)\.Problem\(") && !statement.Contains("Problems.Coded(", StringComparison.Ordinal))
                offending.Add($"{file}: {line.Trim()}");
            if (line.Contains("new ProblemDetailsContext", StringComparison.Ordinal) && !Sources[file].Any(l => l.Contains("Problems.Coded(", StringComparison.Ordinal)))
                offending.Add($"{file}: {line.Trim()}");
        }
        Assert.True(offending.Count == 0, "Problems without a reason code:\n" + string.Join("\n", offending));
    }

    [GeneratedRegex(@"new Reason\(\s*""([a-z0-9-]+)""")]
    private static partial Regex ReasonCode();

    [GeneratedRegex(@"\.With\(""(\w+)""")]
    private static partial Regex ReasonArg();

    /// <summary>Every reason code created in the services, the gateway and ServiceDefaults, with the values any of its sites sends.</summary>
    private static Dictionary<string, HashSet<string>> ReasonCodes()
    {
        var codes = new Dictionary<string, HashSet<string>>();
        foreach (var file in SourceLines().GroupBy(l => l.File))
        {
            var source = string.Join("\n", file.Select(l => l.Line));
            foreach (Match match in ReasonCode().Matches(source))
            {
                var args = codes.TryGetValue(match.Groups[1].Value, out var known) ? known : codes[match.Groups[1].Value] = [];
                // The values named after this code, up to the end of its statement or the next code.
                var rest = source[(match.Index + match.Length)..];
                var end = new[] { Regex.Match(rest, @";[ \t]*(\n|$)") is { Success: true } semicolon ? semicolon.Index : -1, ReasonCode().Match(rest) is { Success: true } next ? next.Index : -1 }.Where(i => i >= 0).DefaultIfEmpty(rest.Length).Min();
                foreach (Match arg in ReasonArg().Matches(rest[..end])) args.Add(arg.Groups[1].Value);
            }
        }
        return codes;
    }

    private static readonly Dictionary<string, string[]> Sources = [];

    /// <summary>The non-comment lines of the C# source of the services, the gateway and ServiceDefaults, by path from the repository root.</summary>
    private static IEnumerable<(string File, string Line)> SourceLines()
    {
        var root = TestEnvironment.RepositoryRoot;
        foreach (var folder in new[] { "services", "gateway", "ServiceDefaults" })
        {
            foreach (var path in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            {
                var file = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
                if (file.Contains("/obj/", StringComparison.Ordinal) || file.Contains("/bin/", StringComparison.Ordinal)) continue;
                var lines = Sources.TryGetValue(file, out var read) ? read : Sources[file] = File.ReadAllLines(path);
                foreach (var line in lines.Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal))) yield return (file, line);
            }
        }
    }

    /// <summary>The line and the two after it: a call whose arguments continue on the next lines.</summary>
    private static string SourceStatement(string file, string line)
    {
        var lines = Sources[file];
        var index = Array.IndexOf(lines, line);
        return string.Join("\n", lines.Skip(index).Take(3));
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
