using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Municipal.Contracts.Staff;
using Municipal.Gateway.Data;
using Municipal.ServiceDefaults.Auth;
using Municipal.ServiceDefaults.Messaging;

namespace Municipal.Gateway.Staff;

public sealed record StaffAccountView(
    Guid Id, string UserName, string DisplayName, string? Email, IReadOnlyList<string> Roles,
    IReadOnlyList<string> Departments, IReadOnlyList<string> Skills, bool Disabled, bool TwoFactorEnabled, bool LockedOut);

/// <summary>
/// Creating and changing staff accounts: roles are Identity roles, departments and skills user claims. Every change
/// also stores the account's new state as <see cref="StaffAccountChanged"/> in the outbox, in the same transaction,
/// so booking learns who can take which concern from the one place an admin edits it.
/// </summary>
public sealed class StaffAccounts(UserManager<StaffUser> users, RoleManager<IdentityRole<Guid>> roles, GatewayDb db, TimeProvider clock)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
            }
        }
    }

    public Task<IdentityResult> CreateAsync(StaffUser user, string password, IEnumerable<string> roleNames, IEnumerable<string> departments, IEnumerable<string> skills) =>
        CreateAsync(user, () => users.CreateAsync(user, password), roleNames, departments, skills);

    /// <summary>Creates an account whose password is already hashed (the demo staff share one hash of their one password).</summary>
    public Task<IdentityResult> CreateWithHashAsync(StaffUser user, string passwordHash, IEnumerable<string> roleNames, IEnumerable<string> departments, IEnumerable<string> skills)
    {
        user.PasswordHash = passwordHash;
        return CreateAsync(user, () => users.CreateAsync(user), roleNames, departments, skills);
    }

    private Task<IdentityResult> CreateAsync(StaffUser user, Func<Task<IdentityResult>> create, IEnumerable<string> roleNames, IEnumerable<string> departments, IEnumerable<string> skills) =>
        ChangeAsync(user, async () =>
        {
            var created = await create();
            return created.Succeeded ? await AssignRolesAndClaimsAsync(user, roleNames, departments, skills) : created;
        });

    public Task<IdentityResult> AssignAsync(StaffUser user, IEnumerable<string> roleNames, IEnumerable<string> departments, IEnumerable<string> skills, Guid? admin = null) =>
        ChangeAsync(user, () => AssignRolesAndClaimsAsync(user, roleNames, departments, skills), admin);

    /// <summary>The code of a change refused because the admin making it is no longer an active admin.</summary>
    public const string NoLongerAdmin = "NoLongerAdmin";

    /// <summary>
    /// Runs a change of the account and, if it succeeds, publishes the account's new state with it — or neither. With
    /// <paramref name="admin"/>, the admin making it must still be an active admin once both accounts' rows are locked:
    /// two admins disabling each other (or taking each other's role) at the same moment each passed the check that she
    /// was not acting on herself, and no active admin was left (probe 7). Locked in one order, the second waits for the
    /// first and finds she is no admin any more.
    /// </summary>
    public async Task<IdentityResult> ChangeAsync(StaffUser user, Func<Task<IdentityResult>> change, Guid? admin = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (admin is { } acting && !await StillAdminAsync(acting, user.Id))
        {
            return IdentityResult.Failed(new IdentityError { Code = NoLongerAdmin, Description = "The account making the change is no longer an active admin." });
        }
        var result = await change();
        if (!result.Succeeded) return result;
        await PublishAsync(user);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return result;
    }

    private async Task<bool> StillAdminAsync(Guid admin, Guid account)
    {
        Guid[] ids = [admin, account];
        await db.Database.ExecuteSqlAsync($"SELECT id FROM staff_users WHERE id = ANY({ids}) ORDER BY id FOR UPDATE");
        return await db.Users.AsNoTracking().AnyAsync(u => u.Id == admin && !u.Disabled)
            && await db.UserRoles.AsNoTracking().Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .AnyAsync(x => x.UserId == admin && x.Name == StaffRoles.Admin);
    }

    /// <summary>
    /// Every account's state, in one transaction: at start-up, and when a service asks (<see cref="StaffDirectory"/>).
    /// Heals accounts published before a service listened.
    /// </summary>
    public async Task PublishAllAsync()
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        // An admin's change in flight holds its account's row until it commits, its state stamped already: reading every
        // row FOR SHARE waits for it, so this broadcast's newer stamp never goes out with the older state (which
        // consumers would then keep). A change begun after this waits for it, and its own stamp is the newer. Three
        // reads in all, not two per account, so the rows are held briefly however many accounts there are.
        var accounts = await db.Users.FromSql($"SELECT * FROM staff_users FOR SHARE").AsNoTracking()
            .Select(u => new { u.Id, u.DisplayName, u.Disabled }).ToListAsync();
        var claims = (await db.UserClaims.AsNoTracking()
                .Where(c => c.ClaimType == StaffClaimTypes.Department || c.ClaimType == StaffClaimTypes.Skill)
                .Select(c => new { c.UserId, c.ClaimType, c.ClaimValue }).ToListAsync())
            .ToLookup(c => c.UserId);
        var roles = (await db.UserRoles.AsNoTracking().Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync())
            .ToLookup(r => r.UserId, r => r.Name!);
        foreach (var account in accounts)
        {
            var own = claims[account.Id];
            Publish(account.Id, account.DisplayName, roles[account.Id],
                own.Where(c => c.ClaimType == StaffClaimTypes.Department).Select(c => c.ClaimValue!),
                own.Where(c => c.ClaimType == StaffClaimTypes.Skill).Select(c => c.ClaimValue!), account.Disabled);
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private async Task PublishAsync(StaffUser user)
    {
        var view = await ViewAsync(user);
        Publish(view.Id, view.DisplayName, view.Roles, view.Departments, view.Skills, view.Disabled);
    }

    /// <summary>Stores an account's state in the outbox, its lists in the order <see cref="ViewAsync"/> gives them.</summary>
    private void Publish(Guid id, string name, IEnumerable<string> roleNames, IEnumerable<string> departments, IEnumerable<string> skills, bool disabled) =>
        db.OutboxMessages.Add(OutboxMessage.For(new StaffAccountChanged(
            id, name, roleNames.Order().ToList(), departments.Order().ToList(), skills.Order().ToList(), !disabled, clock.GetUtcNow())));

    private async Task<IdentityResult> AssignRolesAndClaimsAsync(StaffUser user, IEnumerable<string> roleNames, IEnumerable<string> departments, IEnumerable<string> skills)
    {
        var wanted = roleNames.Distinct().ToList();
        var current = await users.GetRolesAsync(user);
        var result = await users.RemoveFromRolesAsync(user, current.Except(wanted));
        if (!result.Succeeded) return result;
        result = await users.AddToRolesAsync(user, wanted.Except(current));
        if (!result.Succeeded) return result;

        var claims = await users.GetClaimsAsync(user);
        result = await users.RemoveClaimsAsync(user, claims.Where(c => c.Type is StaffClaimTypes.Department or StaffClaimTypes.Skill));
        if (!result.Succeeded) return result;
        var newClaims = departments.Distinct().Select(d => new Claim(StaffClaimTypes.Department, d))
            .Concat(skills.Distinct().Select(s => new Claim(StaffClaimTypes.Skill, s)));
        result = await users.AddClaimsAsync(user, newClaims);
        if (!result.Succeeded) return result;
        // Changing what someone may do signs them out everywhere at the next cookie validation.
        return await users.UpdateSecurityStampAsync(user);
    }

    public async Task<StaffAccountView> ViewAsync(StaffUser user)
    {
        var claims = await users.GetClaimsAsync(user);
        return new StaffAccountView(
            user.Id, user.UserName!, user.DisplayName, user.Email, (await users.GetRolesAsync(user)).Order().ToList(),
            claims.Where(c => c.Type == StaffClaimTypes.Department).Select(c => c.Value).Order().ToList(),
            claims.Where(c => c.Type == StaffClaimTypes.Skill).Select(c => c.Value).Order().ToList(),
            user.Disabled, user.TwoFactorEnabled, await users.IsLockedOutAsync(user));
    }

    public async Task<IReadOnlyList<StaffAccountView>> ListAsync()
    {
        var all = await users.Users.OrderBy(u => u.UserName).ToListAsync();
        var views = new List<StaffAccountView>(all.Count);
        foreach (var user in all) views.Add(await ViewAsync(user));
        return views;
    }

    /// <summary>A temporary password shown once to the admin, meeting the password rules.</summary>
    public static string TemporaryPassword() =>
        $"Tmp-{Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y')}-9a";
}
