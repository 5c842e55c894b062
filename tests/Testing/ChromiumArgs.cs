namespace Municipal.Testing;

/// <summary>
/// The command line of every Chromium the tests start: the browser tests' (<see cref="Browser"/>) and the dashboard
/// test's in AppHost.Tests, which compiles this file in rather than referencing this project (its Aspire packages pin
/// other versions than the services do).
/// </summary>
public static class ChromiumArgs
{
    /// <summary>
    /// Chromium 151 and later build the address bar's popup (<c>chrome://omnibox-popup.top-chrome</c>) as a page of its
    /// own for every window, headless too: with each new party a renderer loads and lays out Chrome's own UI, and
    /// took 1.3–1.5 s of a core in each call the call set-up benchmark traced (issue 18), on a machine of two.
    /// Chromium keeps only the last <c>--disable-features</c> it is given, so this list repeats Playwright's own
    /// (Microsoft.Playwright 1.64.1, <c>chromiumSwitches.ts</c>) and adds the two popups, as Puppeteer does.
    /// </summary>
    private static readonly string[] DisabledFeatures =
    [
        "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "DialMediaRouteProvider", "GlobalMediaControls",
        "HttpsUpgrades", "LensOverlay", "MediaRouter", "PaintHolding", "ThirdPartyStoragePartitioning",
        "BlockOriginHeaderModificationOnRedirect", "AvoidCorsURLLoaderRestartOnRedirect", "Translate", "AutoDeElevate",
        "OptimizationHints", "NetworkTimeServiceQuerying", "AimEnabled", "msForceBrowserSignIn", "msEdgeUpdateLaunchServicesPreferredVersion",
        "WebUIOmniboxPopup", "WebUIOmniboxAimPopup",
    ];

    public static readonly string[] All =
    [
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream", "--allow-loopback-in-peer-connection", "--no-sandbox",
        "--disable-features=" + string.Join(",", DisabledFeatures),
    ];
}
