using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Municipal.Gateway.Data;
using Municipal.Gateway.Staff;
using Municipal.ServiceDefaults.Input;
using Npgsql;

namespace Municipal.Gateway.Security;

/// <summary>
/// Records every staff request to the APIs (who opened which dossier, identity check or document, who changed
/// what); a read repeated by the same person soon after is not written again (<see cref="RepeatedReads"/>). Entries are queued and written in batches so requests do not wait; a database outage delays the
/// writes, it does not drop them.
/// </summary>
public sealed class AuditLog(IServiceScopeFactory scopes, ILogger<AuditLog> logger) : BackgroundService
{
    private readonly Channel<AuditEntry> queue = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(100_000)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    public ValueTask RecordAsync(AuditEntry entry) => queue.Writer.WriteAsync(entry);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditEntry>();
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            while (batch.Count < 500 && queue.Reader.TryRead(out var entry)) batch.Add(entry);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await SaveAsync(batch, stoppingToken);
                    batch.Clear();
                    break;
                }
                catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: var state } && state.StartsWith("22", StringComparison.Ordinal))
                {
                    // A value the database refuses (SQLSTATE class 22) fails every attempt, and held back every entry
                    // after it for good: one by one, the others are written and the one refused is logged and left.
                    await SaveOneByOneAsync(batch, stoppingToken);
                    batch.Clear();
                    break;
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Writing {Count} audit entries failed (attempt {Attempt}); retrying", batch.Count, attempt);
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt * 2)), stoppingToken);
                }
            }
        }
    }

    private async Task SaveAsync(IEnumerable<AuditEntry> entries, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDb>();
        db.AuditLog.AddRange(entries);
        await db.SaveChangesAsync(ct);
    }

    private async Task SaveOneByOneAsync(List<AuditEntry> batch, CancellationToken ct)
    {
        foreach (var entry in batch)
        {
            try
            {
                await SaveAsync([entry], ct);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: var state } && state.StartsWith("22", StringComparison.Ordinal))
            {
                logger.LogError(ex, "The database refused the audit entry of {StaffId} at {At} ({Method} {Path})", entry.StaffId, entry.At, entry.Method, Storable(entry.Path));
            }
        }
    }

    public static IApplicationBuilder UseAuditLog(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        var path = context.Request.Path;
        // Not audited: who am I, the staff pages' presence heartbeat (every 15 s, it touches no one's data), and the
        // city's languages every page reads before it shows a word. Sign-in and sign-out write their own entries
        // (SignInAudit), signed in or not.
        if (!path.StartsWithSegments("/api") || path.StartsWithSegments("/api/auth/me") || path.StartsWithSegments("/api/sessions/duty")
            || path.StartsWithSegments("/api/city") || path.StartsWithSegments("/api/auth/login") || path.StartsWithSegments("/api/auth/logout")
            || !context.User.IsSignedIn())
        {
            return;
        }
        var staff = context.User.ToStaff();
        var read = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        if (read && !context.RequestServices.GetRequiredService<RepeatedReads>().IsNew(staff.Id, path.Value ?? "", context.Response.StatusCode))
        {
            return;
        }
        // A wrong current password or second factor of a signed-in person: the handler names the event.
        var signInEvent = context.Items.TryGetValue(SignInAudit.ItemKey, out var named) ? named as string : null;
        var audit = context.RequestServices.GetRequiredService<AuditLog>();
        await audit.RecordAsync(new AuditEntry
        {
            At = DateTimeOffset.UtcNow,
            StaffId = staff.Id,
            StaffName = staff.Name,
            Action = Describe(context.Request.Method, path),
            Method = context.Request.Method,
            // The path only: ids, never query strings or tokens.
            Path = Storable(path.Value ?? ""),
            Status = context.Response.StatusCode,
            ClientIp = context.Connection.RemoteIpAddress?.ToString(),
            Departments = DepartmentsOf(context, staff.Departments),
            Event = signInEvent,
            Account = signInEvent is null ? null : SignInAudit.OneLine(context.User.Identity?.Name ?? ""),
        });
    });

    /// <summary>
    /// Staff act only within their departments (the services refuse the rest), so the actor's departments bound what
    /// an entry touched; a department the request names (<c>/departments/{key}</c>, <c>?department=</c>,
    /// <c>?departmentKey=</c>) is added, so a refused attempt on another department shows there too.
    /// </summary>
    internal static string[] DepartmentsOf(HttpContext context, IEnumerable<string> actor)
    {
        var named = new List<string>();
        foreach (var name in new[] { "department", "departmentKey" })
        {
            if (context.Request.Query[name].FirstOrDefault() is { } key && IsKey(key)) named.Add(key);
        }
        var segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.IndexOf(segments, "departments");
        if (at >= 0 && at + 1 < segments.Length && IsKey(segments[at + 1])) named.Add(segments[at + 1]);
        return actor.Concat(named).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// What could be a department's key: one line of at most 64 characters. A NUL in <c>?department=</c> made the
    /// entry one Postgres refuses, and its batch was retried for ever: no staff action was logged after it (probe 7).
    /// </summary>
    private static bool IsKey(string key) => key.Length is > 0 and <= 64 && InputText.Refusal(key, singleLine: true) is null;

    /// <summary>Text as Postgres stores it: a NUL or a lone surrogate (which it cannot hold) shown as U+FFFD.</summary>
    internal static string Storable(string text)
    {
        if (!text.Any(c => c == '\0' || char.IsSurrogate(c))) return text;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
            else if (chars[i] == '\0' || char.IsSurrogate(chars[i])) chars[i] = '\uFFFD';
        }
        return new string(chars);
    }

    private static string Describe(string method, PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var area = segments.Length > 2 ? $"{segments[1]}/{segments[2]}" : string.Join('/', segments.Skip(1));
        var verb = HttpMethods.IsGet(method) ? "viewed" : HttpMethods.IsDelete(method) ? "deleted" : "changed";
        return $"{verb} {area}";
    }
}
