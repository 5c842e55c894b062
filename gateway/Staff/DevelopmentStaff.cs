using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Municipal.ServiceDefaults.Auth;

namespace Municipal.Gateway.Staff;

/// <summary>
/// Seeds the roles everywhere, the demo city's staff in Development (fixed ids, so the booking service's seeded
/// skills refer to them), and in any environment a first admin from <c>Auth:BootstrapAdmin</c> when no account exists;
/// before the gateway takes requests. Every account's state is published once the bus is up (<see cref="StaffDirectory"/>).
/// </summary>
internal sealed class DevelopmentStaff(IServiceScopeFactory scopes, IHostEnvironment environment, IConfiguration configuration, ILogger<DevelopmentStaff> logger) : IHostedService
{
    public const string DevelopmentPassword = "Schalter-2026!";

    private static readonly string[] ResidentsConcerns =
        ["residence-registration", "deregistration-abroad", "care-facility-registration", "disabled-parking-permit", "move", "naturalisation", "dog-registration", "lost-and-found", "general-enquiry"];

    private static readonly string[] TaxConcerns = ["tax-enquiry", "tax-return", "tax-assessment", "tax-payment", "withholding-tax"];

    private static readonly (Guid Id, string UserName, string Name, string[] Roles, string[] Departments, string[] Skills)[] Demo =
    [
        (Id(1), "admin", "Andrea Admin", [StaffRoles.Admin], [], []),
        (Id(2), "supervisor", "Samuel Supervisor", [StaffRoles.Supervisor], ["residents-office", "tax-office"], []),
        (Id(3), "clerk.residents", "Rita Residents", [StaffRoles.Clerk], ["residents-office"], ResidentsConcerns),
        (Id(4), "clerk.tax", "Tobias Tax", [StaffRoles.Clerk], ["tax-office"], TaxConcerns),
        (Id(5), "clerk.second", "Sonja Second", [StaffRoles.Clerk], ["residents-office"], ResidentsConcerns),
    ];

    private static Guid Id(int n) => Guid.Parse($"00000000-0000-0000-0000-00000000a00{n}");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        await accounts.EnsureRolesAsync();

        if (environment.IsDevelopment())
        {
            // One question for all five, and one hash of their one password (PBKDF2 with 100,000 rounds, the
            // costliest step of a start with an empty database, made once rather than five times).
            var ids = Demo.Select(d => d.Id).ToList();
            var existing = (await users.Users.Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
            string? passwordHash = null;
            foreach (var demo in Demo.Where(d => !existing.Contains(d.Id)))
            {
                var user = new StaffUser { Id = demo.Id, UserName = demo.UserName, DisplayName = demo.Name, Email = $"{demo.UserName}@stadt.example", LockoutEnabled = true };
                passwordHash ??= users.PasswordHasher.HashPassword(user, DevelopmentPassword);
                var result = await accounts.CreateWithHashAsync(user, passwordHash, demo.Roles, demo.Departments, demo.Skills);
                if (!result.Succeeded) logger.LogWarning("Seeding {User} failed: {Errors}", demo.UserName, string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }

        var bootstrap = configuration.GetSection("Auth:BootstrapAdmin");
        if (bootstrap["UserName"] is { Length: > 0 } userName && bootstrap["Password"] is { Length: > 0 } password && !users.Users.Any())
        {
            var admin = new StaffUser { Id = Guid.CreateVersion7(), UserName = userName, DisplayName = userName, LockoutEnabled = true };
            var created = await accounts.CreateAsync(admin, password, [StaffRoles.Admin], [], []);
            if (created.Succeeded) logger.LogInformation("Created the first admin account {User}", userName);
            else logger.LogError("The first admin account {User} was not created: {Reasons} (Auth:BootstrapAdmin:Password)",
                userName, string.Join(" ", created.Errors.Select(e => e.Description)));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
