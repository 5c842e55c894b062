using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Municipal.Gateway.Staff;

/// <summary>
/// Signing out ends the session on the server, not only in the browser: every session cookie carries an id of its
/// own (<see cref="Key"/>, set at sign-in and kept by renewals and re-sign-ins), and "Abmelden" records it here until the
/// longest the cookie could still live. A copy of the cookie taken before (a shared counter PC, a browser profile) is
/// refused at its next request on any gateway instance. The account's other sessions stay signed in: ending those is
/// what a changed password does (the security stamp).
/// </summary>
public sealed class EndedSessions(NpgsqlDataSource database, TimeProvider clock)
{
    /// <summary>The session's id, an item of the cookie's authentication properties.</summary>
    public const string Key = "municipal.session";

    public static void Assign(AuthenticationProperties properties) =>
        properties.Items.TryAdd(Key, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));

    public static string? IdOf(AuthenticationProperties? properties) =>
        properties?.Items.TryGetValue(Key, out var id) == true ? id : null;

    public async Task EndAsync(string id, TimeSpan cookieLifetime)
    {
        var now = clock.GetUtcNow();
        // Positional parameters take one statement per command: the two go as a batch, in one round trip.
        await using var batch = database.CreateBatch();
        var forget = new NpgsqlBatchCommand("DELETE FROM ended_sessions WHERE until < $1");
        forget.Parameters.Add(new() { Value = now });
        // A copy renewed (sliding) until the sign-out lives at most one lifetime from now.
        var end = new NpgsqlBatchCommand("INSERT INTO ended_sessions (id, until) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING");
        end.Parameters.Add(new() { Value = id });
        end.Parameters.Add(new() { Value = now + cookieLifetime });
        batch.BatchCommands.Add(forget);
        batch.BatchCommands.Add(end);
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Whether the session was signed out, or its account is disabled or gone: one round trip. A disabled account's
    /// session went on until the stamp's next check (up to a minute), and a disabled admin enabled her own account
    /// again in it (probe 7).
    /// </summary>
    public async Task<bool> IsEndedAsync(string? id, Guid account)
    {
        await using var command = database.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM ended_sessions WHERE id = $1) OR NOT EXISTS (SELECT 1 FROM staff_users WHERE id = $2 AND NOT disabled)");
        command.Parameters.Add(new() { Value = (object?)id ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = account });
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// The cookie's check on every request: a signed-out session or a disabled account at once, then the account's
    /// other changes (stamp: password, roles, departments; every <c>Auth:SessionCheckSeconds</c>).
    /// </summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is { } principal && principal.IsSignedIn()
            && await context.HttpContext.RequestServices.GetRequiredService<EndedSessions>().IsEndedAsync(IdOf(context.Properties), principal.ToStaff().Id))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
