using Microsoft.AspNetCore.Identity;
using Municipal.Gateway.Clients;
using Municipal.Gateway.Staff;

namespace Municipal.Gateway.Apis;

/// <summary>What changing a staff account needs, bound as one <c>[AsParameters]</c> argument (as dotnet/eShop does).</summary>
public sealed record StaffAccountServices(UserManager<StaffUser> Users, StaffAccounts Accounts, ServiceCatalogue Catalogue);
