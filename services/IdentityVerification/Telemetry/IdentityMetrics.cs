using System.Diagnostics.Metrics;

namespace Municipal.IdentityVerification.Telemetry;

/// <summary>Identity's instruments on the shared "Municipal" meter: one-time TANs sent, and TANs that failed to send or to sign.</summary>
public sealed class IdentityMetrics
{
    private readonly Counter<long> issued;
    private readonly Counter<long> failed;

    public IdentityMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ServiceDefaults.Telemetry.SourceName);
        issued = meter.CreateCounter<long>("municipal.tans.issued", "{tan}", "One-time TANs sent to a resident, by channel.");
        failed = meter.CreateCounter<long>("municipal.tans.failed", "{tan}",
            "TANs that could not be sent or were refused when entered (undeliverable, wrong_code, locked, expired, used).");
    }

    public void Issued(string channel) => issued.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void Failed(string reason) => failed.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Counts a failure and hands back the answer that reports it, so a refusal stays one line.</summary>
    public T Failed<T>(string reason, T answer)
    {
        Failed(reason);
        return answer;
    }
}
