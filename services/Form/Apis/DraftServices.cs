using Municipal.Form.Data;
using Municipal.Form.Definitions;
using Municipal.Form.Drafts;
using Municipal.Form.Realtime;
using Municipal.ServiceDefaults;

namespace Municipal.Form.Apis;

/// <summary>What reading and editing a draft need, bound as one <c>[AsParameters]</c> argument (as dotnet/eShop does).</summary>
public sealed record DraftServices(
    FormDb Db,
    DraftStore Store,
    DraftAccess Access,
    FormCatalog Catalog,
    CityClock Clock,
    DraftEvents Events);
