namespace Municipal.Benchmarks;

/// <summary>
/// A benchmark against the running system (scripts/bench starts it). Each reports its figures next to a
/// baseline measured in the same run, so the ratio, not the absolute number, is what to compare.
/// </summary>
public interface IBenchmark
{
    string Name { get; }

    Task<BenchmarkReport> RunAsync(CancellationToken cancellationToken);
}

public sealed record BenchmarkReport(string Name, IReadOnlyList<BenchmarkFigure> Figures);

/// <summary>One measured figure, with the baseline it is compared to where there is one.</summary>
public sealed record BenchmarkFigure(string What, double Value, string Unit, double? Baseline = null, string? BaselineWhat = null)
{
    public override string ToString() => Baseline is { } b && b != 0
        ? $"{What}: {Value:0.###} {Unit} (baseline {BaselineWhat}: {b:0.###} {Unit}; ratio {Value / b:0.###})"
        : $"{What}: {Value:0.###} {Unit}";
}
