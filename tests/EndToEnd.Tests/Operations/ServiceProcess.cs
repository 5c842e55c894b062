using System.Diagnostics;
using System.Net;
using System.Text;
using Municipal.Testing;

namespace Municipal.EndToEnd.Tests.Operations;

/// <summary>
/// A service or the gateway started from the build output as its own process (as scripts/run starts it),
/// with the test's environment plus the given settings. Its output is kept for the failure message.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ServiceProcess(Process process, string url)
    {
        this.process = process;
        Url = url;
    }

    public string Url { get; }

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    /// <param name="project">The project folder below the repository root, e.g. <c>services/Booking</c>.</param>
    public static ServiceProcess Start(string project, string assembly, string serviceName, IDictionary<string, string> settings)
    {
        // Release or Debug: whatever configuration this test assembly was built in.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(TestEnvironment.RepositoryRoot, project, "bin", configuration, "net10.0", assembly + ".dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build the solution first.", dll);

        var url = $"http://127.0.0.1:{Loopback.FreePort()}";
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Nothing of the running system's environment (scripts/test exports it for the suite): with REPLICAS=2 an
        // inherited services__booking__http__1 would have this gateway balance onto the system's own booking.
        foreach (var key in start.Environment.Keys.Where(IsSystemSetting).ToList()) start.Environment.Remove(key);
        start.Environment["ASPNETCORE_URLS"] = url;
        start.Environment["OTEL_SERVICE_NAME"] = serviceName;
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in settings) start.Environment[key] = value;

        var process = new Process { StartInfo = start };
        var result = new ServiceProcess(process, url);
        process.OutputDataReceived += (_, e) => { lock (result.output) result.output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (result.output) result.output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    private static bool IsSystemSetting(string key) =>
        key.StartsWith("services__", StringComparison.Ordinal) || key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
        || key.StartsWith("OTEL_", StringComparison.Ordinal) || key.StartsWith("Redis__", StringComparison.Ordinal)
        || key.StartsWith("Messaging__", StringComparison.Ordinal);

    public async Task WaitHealthyAsync(string path, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"{process.StartInfo.Arguments} exited:\n{Output}");
            try
            {
                if ((await http.GetAsync(Url + path)).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        throw new TimeoutException($"{Url}{path} did not answer 200 within {timeout}:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
