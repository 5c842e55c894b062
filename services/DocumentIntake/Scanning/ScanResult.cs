namespace Municipal.DocumentIntake.Scanning;

public enum ScanOutcome { Clean, Infected, Unavailable }

/// <summary>What clamd said. <see cref="ScanOutcome.Unavailable"/> means "ask again later", never "clean".</summary>
public sealed record ScanResult(ScanOutcome Outcome, string? Signature = null, string? Error = null)
{
    public static readonly ScanResult Clean = new(ScanOutcome.Clean);

    public static ScanResult Infected(string signature) => new(ScanOutcome.Infected, signature);

    public static ScanResult Unavailable(string error) => new(ScanOutcome.Unavailable, Error: error);
}
