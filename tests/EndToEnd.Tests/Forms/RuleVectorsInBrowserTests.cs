using System.Text.Json;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Forms;

/// <summary>
/// The shared vectors (tests/Form.Tests/vectors, also run by the .NET engine in Form.Tests) evaluated by
/// shared/rules.js as served by the running system, in Chromium: both engines must give the same errors, with the
/// same message in every language.
/// </summary>
public sealed class RuleVectorsInBrowserTests(Browser browser) : IClassFixture<Browser>
{
    // As in Form.Tests' RuleVectorTests: each expected error names its message in these.
    private static readonly string[] Languages = ["de", "en", "fr", "it", "de-x-ls"];

    [Fact]
    public async Task Every_vector_gives_the_same_errors_in_the_browser()
    {
        var directory = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "Form.Tests", "vectors");
        var files = Directory.GetFiles(directory, "*.json").Order().Select(File.ReadAllText).ToList();
        Assert.True(files.Count >= 5);

        await using var party = await browser.NewPartyAsync();
        var page = await party.NewPageAsync();
        await page.GotoAsync("/form.html");
        var json = await page.EvaluateAsync<string>("""
            async ([files, languages]) => {
              const { validate } = await import('/shared/rules.js');
              const failures = [];
              let count = 0;
              for (const text of files) {
                const vector = JSON.parse(text);
                const definition = vector.definition ?? await (await fetch('/api/forms/definitions/' + vector.definitionId)).json();
                for (const c of vector.cases) {
                  count++;
                  for (const lang of languages) {
                    const actual = validate(definition, c.values, { today: c.today, lang }).map(e => e.field + ':' + e.code + ':' + e.message);
                    const expected = c.errors.map(e => e.field + ':' + e.code + ':' + e.message[lang]);
                    if (JSON.stringify(actual) !== JSON.stringify(expected)) failures.push({ vector: vector.name, name: c.name, lang, expected, actual });
                  }
                }
              }
              return JSON.stringify({ count, failures });
            }
            """, new object[] { files, Languages });
        var result = JsonDocument.Parse(json).RootElement;
        Assert.True(result.GetProperty("failures").GetArrayLength() == 0, result.GetProperty("failures").ToString());
        Assert.True(result.GetProperty("count").GetInt32() >= 80, $"only {result.GetProperty("count")} cases ran");
    }
}
