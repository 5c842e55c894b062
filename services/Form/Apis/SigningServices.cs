using Municipal.Form.Data;
using Municipal.Form.Definitions;
using Municipal.Form.Drafts;
using Municipal.Form.Realtime;
using Municipal.ServiceDefaults;

namespace Municipal.Form.Apis;

/// <summary>What signing and submitting a draft need, bound as one <c>[AsParameters]</c> argument (as dotnet/eShop does).</summary>
public sealed record SigningServices(
    FormDb Db,
    DraftAccess Access,
    FormCatalog Catalog,
    CityClock Clock,
    DraftEvents Events,
    IConfiguration Configuration);
