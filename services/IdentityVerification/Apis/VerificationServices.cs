using Municipal.IdentityVerification.Data;
using Municipal.IdentityVerification.Ocr;
using Municipal.IdentityVerification.Retention;
using Municipal.IdentityVerification.Security;
using Municipal.ServiceDefaults;
using Municipal.ServiceDefaults.Sessions;

namespace Municipal.IdentityVerification.Apis;

/// <summary>What the clerk's identity check needs, bound as one <c>[AsParameters]</c> argument (as dotnet/eShop does).</summary>
public sealed record VerificationServices(
    IdentityDb Db,
    StillPolicy Stills,
    KeyedHasher Hasher,
    MrzOcr Ocr,
    CityClock Calendar,
    TimeProvider Time,
    ILoggerFactory Logs,
    SessionsClient Sessions);
