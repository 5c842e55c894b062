using System.Threading.Channels;
using Municipal.Gateway.Data;
using Municipal.Gateway.Staff;

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
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<GatewayDb>();
                    db.AuditLog.AddRange(batch);
                    await db.SaveChangesAsync(stoppingToken);
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

    public static IApplicationBuilder UseAuditLog(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        var path = context.Request.Path;
        // Not audited: who am I, the staff pages' presence heartbeat (every 15 s, it touches no one's data), and the
        // city's languages every page reads before it shows a word.
        if (!path.StartsWithSegments("/api") || path.StartsWithSegments("/api/auth/me") || path.StartsWithSegments("/api/sessions/duty")
            || path.StartsWithSegments("/api/city")
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
        var audit = context.RequestServices.GetRequiredService<AuditLog>();
        await audit.RecordAsync(new AuditEntry
        {
            At = DateTimeOffset.UtcNow,
            StaffId = staff.Id,
            StaffName = staff.Name,
            Action = Describe(context.Request.Method, path),
            Method = context.Request.Method,
            // The path only: ids, never query strings or tokens.
            Path = path.Value ?? "",
            Status = context.Response.StatusCode,
            ClientIp = context.Connection.RemoteIpAddress?.ToString(),
            Departments = DepartmentsOf(context, staff.Departments),
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
            if (context.Request.Query[name].FirstOrDefault() is { Length: > 0 and <= 64 } key) named.Add(key);
        }
        var segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.IndexOf(segments, "departments");
        if (at >= 0 && at + 1 < segments.Length && segments[at + 1].Length <= 64) named.Add(segments[at + 1]);
        return actor.Concat(named).Distinct(StringComparer.Ordinal).ToArray();
    }

    private static string Describe(string method, PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var area = segments.Length > 2 ? $"{segments[1]}/{segments[2]}" : string.Join('/', segments.Skip(1));
        var verb = HttpMethods.IsGet(method) ? "viewed" : HttpMethods.IsDelete(method) ? "deleted" : "changed";
        return $"{verb} {area}";
    }
}
