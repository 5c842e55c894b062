using System.Text.Json;
using Microsoft.Playwright;
using Xunit;

namespace Municipal.Testing;

/// <summary>
/// Debian's Chromium driven by Playwright, with a fake camera, microphone and screen (DESIGN.md's flags).
/// One instance per test class; every party gets its own context.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>The narrowest phone the pages are held to (360 px), for the longest texts (Leichte Sprache).</summary>
    public static readonly ViewportSize SmallPhone = new() { Width = 360, Height = 740 };
    public static readonly ViewportSize Desktop = new() { Width = 1366, Height = 900 };

    private IPlaywright? playwright;

    public IBrowser Instance { get; private set; } = null!;

    public static string ScreenshotDirectory => Path.Combine(TestEnvironment.RepositoryRoot, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        // One patience for every browser test, whichever class runs first (the setting is process-wide): a page that
        // is right turns so at once, and a slow, loaded machine (two cores, CI's neighbours) must not fail it.
        Assertions.SetDefaultExpectTimeout(60_000);
        playwright = await Playwright.CreateAsync();
        Instance = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestEnvironment.Get("CHROMIUM_PATH", "/usr/bin/chromium"),
            Headless = true,
            Args = ChromiumArgs.All,
        });
    }

    public async Task DisposeAsync()
    {
        await Instance.CloseAsync();
        playwright?.Dispose();
    }

    /// <summary>A new party (resident, clerk, kiosk) with its own cookies, camera and microphone.</summary>
    public Task<IBrowserContext> NewPartyAsync(ViewportSize? viewport = null, string locale = "de-DE") =>
        NewPartyAtAsync(TestEnvironment.GatewayUrl, viewport, locale);

    /// <summary>
    /// A new party reaching the system at another address: the gateway's HTTPS port (GATEWAY_HTTPS_URL), whose
    /// certificate is self-signed (ServiceDefaults/Security/LoopbackCertificate.cs) and therefore not checked.
    /// </summary>
    public Task<IBrowserContext> NewPartyAtAsync(string baseUrl, ViewportSize? viewport = null, string locale = "de-DE") =>
        Instance.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            IgnoreHTTPSErrors = baseUrl.StartsWith("https:", StringComparison.Ordinal),
            ViewportSize = viewport ?? Desktop,
            Locale = locale,
            HasTouch = viewport == Phone || viewport == SmallPhone,
            IsMobile = viewport == Phone || viewport == SmallPhone,
            Permissions = ["camera", "microphone"],
        });

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    /// <summary>
    /// Runs axe-core (the npm package, installed by scripts/test into tests/node_modules) on the page and fails
    /// on any serious or critical violation.
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var axe = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(axe)) throw new FileNotFoundException("axe-core is missing: run scripts/test (it installs it with npm).", axe);
        // Evaluated through the DevTools protocol rather than a <script> tag: the pages' CSP (rightly) refuses
        // injected inline script, and the test must not switch the CSP off to look at them.
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
