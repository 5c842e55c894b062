using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Playwright;
using Xunit.Sdk;

namespace Municipal.AppHost.Tests;

/// <summary>
/// The AppHost runs the whole system on a machine without a container runtime, and operators see it in the Aspire
/// dashboard: every resource healthy, and a resident's booking as one trace there.
/// </summary>
public sealed class AppHostTests(AppHostFixture system) : IClassFixture<AppHostFixture>
{
    private const int Server = 2, Producer = 4, Consumer = 5, ErrorStatus = 2;

    private static readonly string[] Expected =
        ["postgres", "redis", "rabbitmq", "clamav", "smtp", "turn", "booking", "sessions", "identity", "forms", "documents", "gateway"];

    [Fact]
    public async Task Every_resource_is_healthy_and_the_dashboard_shows_them()
    {
        Assert.Subset(system.Resources.Select(r => r.Name).ToHashSet(), Expected.ToHashSet());
        // The gateway runs with its HTTPS port too (the fixture), whose certificate the AppHost's check does not trust.
        Assert.True(system.App.ResourceNotifications.TryGetCurrentState("gateway", out var gateway)
            && gateway.Snapshot.HealthStatus == HealthStatus.Healthy, $"the gateway is not healthy:\n{system.DescribeStates()}");
        foreach (var resource in system.Resources)
        {
            Assert.True(system.App.ResourceNotifications.TryGetCurrentState(resource.Name, out var state), resource.Name);
            if (AppHostFixture.IsOneShot(resource))
            {
                Assert.Equal(0, state.Snapshot.ExitCode);
            }
            else
            {
                Assert.True(state.Snapshot.HealthStatus == HealthStatus.Healthy, $"{resource.Name} is not healthy:\n{system.DescribeStates()}");
            }
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = Municipal.Testing.ChromiumArgs.All,
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        // The login URL scripts/run prints carries the token; the dashboard then shows its resources page.
        var login = await system.Login.LoginUrl.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(system.Dashboard.Authority, login.Authority);
        await page.GotoAsync(login.ToString());
        var screenshots = Path.Combine(AppHostFixture.RepositoryRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(screenshots);
        try
        {
            foreach (var name in Expected)
            {
                await page.GetByText(name).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
            }
            // The grid fills in as the resource service streams; give it a moment to settle before the picture.
            await page.WaitForTimeoutAsync(2000);
        }
        finally
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "aspire-dashboard.png"), FullPage = true });
        }
        Assert.DoesNotContain("Unhealthy", await page.InnerTextAsync("body"));
    }

    [Fact]
    public async Task The_contract_it_resolved_is_written_for_the_tests_with_the_runs_own_settings_and_without_secrets()
    {
        // Written when the gateway turns healthy; the fixture may have seen that a moment before the file landed.
        var file = Path.Combine(system.RunDirectory, "contract.json");
        for (var i = 0; i < 60 && !File.Exists(file); i++)
        {
            await Task.Delay(500);
        }
        var text = await File.ReadAllTextAsync(file);
        var contract = JsonDocument.Parse(text).RootElement;
        var environment = contract.GetProperty("environment").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());

        foreach (var database in new[] { "bookingdb", "sessiondb", "identitydb", "formdb", "documentdb", "gatewaydb" })
        {
            Assert.Contains($"Port={AppHostFixture.PortBase};Database={database};", environment[$"ConnectionStrings__{database}"]);
        }
        Assert.Equal($"amqp://guest:guest@127.0.0.1:{AppHostFixture.PortBase + 2}", environment["ConnectionStrings__rabbitmq"]);
        foreach (var service in new[] { "booking", "sessions", "identity", "forms", "documents", "gateway" })
        {
            Assert.True(Uri.IsWellFormedUriString(environment[$"services__{service}__http__0"], UriKind.Absolute), service);
        }
        Assert.Equal(Path.Combine(system.RunDirectory, "mail"), environment["Mail__Maildir"]);
        Assert.Equal(system.Gateway.Port, new Uri(environment["PublicBaseUrl"]!).Port);
        Assert.Equal(AppHostFixture.PortBase + 3, new Uri(contract.GetProperty("rabbitMqManagement").GetString()!).Port);
        // Municipal:ServiceSettings reach every project, and so the contract.
        Assert.Equal("from-the-test", environment["AppHostTests__Marker"]);
        // What differs per process (each one's own address, its service name) is not part of it.
        Assert.DoesNotContain("ASPNETCORE_URLS", environment.Keys);
        Assert.DoesNotContain(environment.Keys, k => k.StartsWith("OTEL_", StringComparison.Ordinal));

        // The secrets stay in .local/secrets.env: neither their names nor their values are in the file.
        Assert.DoesNotContain("Auth__InternalKey", environment.Keys);
        Assert.DoesNotContain("Turn__Secret", environment.Keys);
        Assert.DoesNotContain("Identity__DocumentNumberKey", environment.Keys);
        var secrets = File.ReadAllLines(Path.Combine(AppHostFixture.RepositoryRoot, ".local", "secrets.env"))
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2 && p[1].Length > 0).Select(p => p[1]);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_booking_through_the_gateway_is_one_trace_in_the_dashboard_from_gateway_through_rabbitmq_to_the_mail()
    {
        // The gateway starts the trace (a caller's own traceparent is not taken up) and names it in its answer
        // (traceresponse), so the test knows which trace in the dashboard is this booking's.
        var callers = ActivityTraceId.CreateRandom().ToHexString();
        using var http = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = system.Gateway };
        var slots = await http.GetFromJsonAsync<JsonElement>("/api/booking/concerns/move/slots");
        var start = slots.GetProperty("slots").EnumerateArray().First().GetProperty("start").GetDateTimeOffset();
        var email = $"apphost-{Guid.NewGuid():N}@example.org";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/booking/appointments")
        {
            Content = JsonContent.Create(new { concernKey = "move", start, name = "Trace Muster", email, language = "de" }),
        };
        request.Headers.Add("traceparent", $"00-{callers}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var booked = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var traceId = Assert.Single(booked.Headers.GetValues("traceresponse")).Split('-')[1];
        Assert.NotEqual(callers, traceId);

        // The confirmation reached this AppHost's SMTP sink.
        var mails = Path.Combine(system.RunDirectory, "mail", "new");
        await Eventually(() => Directory.EnumerateFiles(mails).Any(f => File.ReadAllText(f).Contains(email, StringComparison.OrdinalIgnoreCase)),
            TimeSpan.FromSeconds(90), () => $"no mail to {email} in {mails}");

        using var dashboard = new HttpClient { BaseAddress = system.Dashboard };
        dashboard.DefaultRequestHeaders.Add("x-api-key", system.ApiKey);
        List<Span> spans = [];
        bool Complete() =>
            spans.Any(s => s is { Service: "gateway", Scope: "Microsoft.AspNetCore", Kind: Server })
            && spans.Any(s => s is { Service: "booking", Scope: "Microsoft.AspNetCore", Kind: Server, Name: "POST /api/booking/appointments" })
            && spans.Any(s => s is { Service: "booking", Scope: "MassTransit", Kind: Producer })
            && spans.Any(s => s is { Service: "booking", Scope: "MassTransit", Kind: Consumer })
            && spans.Any(s => s is { Service: "booking", Scope: "Municipal", Name: "smtp send" } && s.Status != ErrorStatus);
        await Eventually(async () =>
        {
            var answer = await dashboard.GetAsync($"/api/telemetry/traces/{traceId}");
            Assert.True(answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"dashboard API answered {answer.StatusCode}");
            spans = answer.IsSuccessStatusCode ? Span.Read(await answer.Content.ReadFromJsonAsync<JsonElement>()) : [];
            return Complete();
        }, TimeSpan.FromSeconds(60), () => $"trace {traceId} in the dashboard is incomplete:\n{string.Join("\n", spans.Select(s => s.ToString()))}");
        Assert.All(spans, s => Assert.Equal(traceId, s.TraceId));
    }

    private static Task Eventually(Func<bool> condition, TimeSpan within, Func<string> failure) =>
        Eventually(() => Task.FromResult(condition()), within, failure);

    private static async Task Eventually(Func<Task<bool>> condition, TimeSpan within, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new XunitException(failure());
            }
            await Task.Delay(500);
        }
    }
}
