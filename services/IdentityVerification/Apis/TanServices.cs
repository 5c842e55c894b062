using Municipal.IdentityVerification.Data;
using Municipal.IdentityVerification.Security;
using Municipal.IdentityVerification.Tans;
using Municipal.IdentityVerification.Telemetry;
using Municipal.ServiceDefaults.ResidentLinks;

namespace Municipal.IdentityVerification.Apis;

/// <summary>What issuing and checking a signing code need, bound as one <c>[AsParameters]</c> argument (as dotnet/eShop does).</summary>
public sealed record TanServices(
    IdentityDb Db,
    ResidentLinkResolver Links,
    KeyedHasher Hasher,
    TanSender Sender,
    TimeProvider Time,
    IdentityMetrics Metrics,
    ILogger<TanSender> Logger);
