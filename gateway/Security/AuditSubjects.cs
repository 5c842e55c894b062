namespace Municipal.Gateway.Security;

/// <summary>
/// What an audit entry's path is about, in words a reader of the log knows (the page translates the keys):
/// a dossier, a consultation, an identity check … The first matching prefix names it; the filter of the log page
/// uses the same prefixes, so what a label says and what its filter finds are the same entries.
/// </summary>
public static class AuditSubjects
{
    public static readonly IReadOnlyList<(string Key, string[] Prefixes)> All =
    [
        ("dossier", ["/api/forms/dossiers"]),
        ("form", ["/api/forms"]),
        ("identity", ["/api/identity"]),
        ("kiosk", ["/api/documents/kiosk"]),
        ("documents", ["/api/documents"]),
        ("consultation", ["/api/sessions"]),
        ("services", ["/api/booking/admin"]),
        ("statistics", ["/api/booking/statistics"]),
        ("queue", ["/api/booking/queue"]),
        ("appointments", ["/api/booking"]),
        ("staffAccount", ["/api/staff"]),
        ("auditLog", ["/api/audit"]),
        ("signIn", ["/api/auth/login"]),
        ("signOut", ["/api/auth/logout"]),
        ("ownAccount", ["/api/auth"]),
    ];

    public const string Other = "other";

    public static string Of(string path)
    {
        foreach (var (key, prefixes) in All)
        {
            foreach (var prefix in prefixes)
            {
                if (path.StartsWith(prefix, StringComparison.Ordinal)
                    && (path.Length == prefix.Length || path[prefix.Length] == '/')) return key;
            }
        }
        return Other;
    }

    public static string[]? PrefixesOf(string key) => All.FirstOrDefault(s => s.Key == key).Prefixes;

    /// <summary>viewed (GET, HEAD), deleted (DELETE) or changed (anything else).</summary>
    public static string VerbOf(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? "viewed" : HttpMethods.IsDelete(method) ? "deleted" : "changed";

    public static readonly string[] Verbs = ["viewed", "changed", "deleted"];
}
