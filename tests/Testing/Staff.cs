using Microsoft.Extensions.Configuration;
using Municipal.ServiceDefaults.Auth;

namespace Municipal.Testing;

/// <summary>Staff members as the gateway would vouch for them, for calling services directly in tests.</summary>
public static class Staff
{
    public static StaffIdentity Clerk(string department, params string[] skills) =>
        new(Guid.NewGuid(), $"Clerk {department}", [StaffRoles.Clerk], [department], skills);

    public static StaffIdentity Supervisor(string department) =>
        new(Guid.NewGuid(), $"Supervisor {department}", [StaffRoles.Supervisor], [department], []);

    public static StaffIdentity Admin() => new(Guid.NewGuid(), "Admin", [StaffRoles.Admin], [], []);

    public static string Token(StaffIdentity staff, TimeSpan? lifetime = null) =>
        InternalToken.Issue(InternalToken.SigningKey(new ConfigurationBuilder()
            .AddInMemoryCollection([new("Auth:InternalKey", TestEnvironment.InternalKey)]).Build()), staff, lifetime);
}
