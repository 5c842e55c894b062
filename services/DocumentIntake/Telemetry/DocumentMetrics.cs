using System.Diagnostics.Metrics;
using Municipal.DocumentIntake.Scanning;

namespace Municipal.DocumentIntake.Telemetry;

/// <summary>Document intake's instruments on the shared "Municipal" meter: every clamd verdict, and every file put in quarantine.</summary>
public sealed class DocumentMetrics
{
    private readonly Counter<long> scanned;
    private readonly Counter<long> quarantined;

    public DocumentMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ServiceDefaults.Telemetry.SourceName);
        scanned = meter.CreateCounter<long>("municipal.uploads.scanned", "{file}", "Files passed to the virus scanner, by outcome (clean, infected, error).");
        quarantined = meter.CreateCounter<long>("municipal.uploads.quarantined", "{file}", "Uploaded files kept in quarantine because the scanner found something.");
    }

    public void Scanned(ScanResult result) => scanned.Add(1, new KeyValuePair<string, object?>("outcome", result.Outcome switch
    {
        ScanOutcome.Clean => "clean",
        ScanOutcome.Infected => "infected",
        _ => "error",
    }));

    public void Quarantined(string channel) => quarantined.Add(1, new KeyValuePair<string, object?>("channel", channel));
}
