using System.Text.Json;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Forms;

/// <summary>
/// The shared vectors (tests/Form.Tests/vectors, also run by the .NET engine in Form.Tests) evaluated by
/// shared/rules.js as served by the running system, in Chromium: both engines must give the same errors.
/// </summary>
public sealed class RuleVectorsInBrowserTests(Browser browser) : IClassFixture<Browser>
{
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
            async files => {
              const { validate } = await import('/shared/rules.js');
              const failures = [];
              let count = 0;
              for (const text of files) {
                const vector = JSON.parse(text);
                const definition = vector.definition ?? await (await fetch('/api/forms/definitions/' + vector.definitionId)).json();
                for (const c of vector.cases) {
                  count++;
                  const actual = validate(definition, c.values, { today: c.today, lang: 'en' }).map(e => e.field + ':' + e.code);
                  const expected = c.errors.map(e => e.field + ':' + e.code);
                  if (JSON.stringify(actual) !== JSON.stringify(expected)) failures.push({ vector: vector.name, name: c.name, expected, actual });
                }
              }
              return JSON.stringify({ count, failures });
            }
            """, files);
        var result = JsonDocument.Parse(json).RootElement;
        Assert.True(result.GetProperty("failures").GetArrayLength() == 0, result.GetProperty("failures").ToString());
        Assert.True(result.GetProperty("count").GetInt32() >= 80, $"only {result.GetProperty("count")} cases ran");
    }
}
