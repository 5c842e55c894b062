using System.Diagnostics;
using Municipal.Benchmarks;

// Baseline servers in processes of their own (ChildServer.cs): the connection baseline's echo server, the bare proxy.
if (args is [Municipal.Benchmarks.Consultation.EchoProcess.Argument]) return await Municipal.Benchmarks.Consultation.EchoProcess.ServeAsync();
if (args is [Municipal.Benchmarks.Gateway.BareProxy.Argument, var destination]) return await Municipal.Benchmarks.Gateway.BareProxy.ServeAsync(destination);

// Runs every IBenchmark in this assembly, or those whose name contains an argument.
var benchmarks = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmark).IsAssignableFrom(t))
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .Where(b => args.Length == 0 || args.Any(a => b.Name.Contains(a, StringComparison.OrdinalIgnoreCase)))
    .OrderBy(b => b.Name)
    .ToList();

var failed = 0;
foreach (var benchmark in benchmarks)
{
    Console.WriteLine($"## {benchmark.Name}");
    Console.WriteLine($"- {await MachineLoad.SettleAsync()}");
    var clock = Stopwatch.StartNew();
    Console.WriteLine($"- {MachineLoad.Figure("at start")}");
    try
    {
        var report = await benchmark.RunAsync(CancellationToken.None);
        foreach (var figure in report.Figures) Console.WriteLine($"- {figure}");
    }
    catch (Exception ex)
    {
        failed++;
        Console.WriteLine($"- FAILED: {ex.Message}");
    }
    Console.WriteLine($"- {MachineLoad.Figure("at end")}");
    Console.WriteLine($"  ({clock.Elapsed.TotalSeconds:0.0} s)");
}
return failed == 0 ? 0 : 1;
