using System.Text.Json;
using Microsoft.Playwright;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Consultation;

/// <summary>
/// axe-core on a page served with the gateway's CSP. Browser.AssertAccessibleAsync adds axe as a script tag,
/// which that CSP blocks (script-src 'self'); evaluating the source through the DevTools protocol is not
/// subject to the page's CSP, so the pages keep their real policy during the test.
/// </summary>
public static class Accessibility
{
    public static async Task AssertAsync(IPage page)
    {
        var axe = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(axe)) throw new FileNotFoundException("axe-core is missing: run scripts/test (it installs it with npm).", axe);
        await page.EvaluateAsync(await File.ReadAllTextAsync(axe));
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify(result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })));
            }
            """);
        var violations = JsonSerializer.Deserialize<JsonElement>(json);
        Assert.True(violations.GetArrayLength() == 0, $"axe-core violations on {page.Url}: {json}");
    }
}
