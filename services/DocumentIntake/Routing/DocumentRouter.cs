using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Municipal.DocumentIntake.Data;
using Municipal.DocumentIntake.Model;

namespace Municipal.DocumentIntake.Routing;

/// <summary>Picks the department inbox for a document: the first rule, by priority, whose every condition holds.</summary>
public sealed class DocumentRouter(DocumentDb db)
{
    public sealed record Route(string DepartmentKey, string RuleName);

    public sealed record Facts(string? ConcernKey, string? SourceDepartmentKey, string FileName, string? Note);

    private IReadOnlyList<RoutingRule>? rules;

    public async Task<Route> RouteAsync(Facts facts, CancellationToken ct)
    {
        var text = Fold($"{facts.FileName} {facts.Note}");
        foreach (var rule in await RulesAsync(ct))
        {
            if (rule.ConcernKey is not null && rule.ConcernKey != facts.ConcernKey) continue;
            if (rule.SourceDepartmentKey is not null && rule.SourceDepartmentKey != facts.SourceDepartmentKey) continue;
            if (rule.Keyword is not null && !text.Contains(Fold(rule.Keyword), StringComparison.Ordinal)) continue;
            return new Route(rule.TargetDepartmentKey, rule.Name);
        }
        // Without a catch-all rule a document would be lost; the one in the seed data makes this unreachable.
        throw new InvalidOperationException("No routing rule matched and there is no catch-all rule.");
    }

    /// <summary>
    /// Where a concern the resident chose goes, whatever the file's name or note says: at the kiosk a "Lohnausweis" in a
    /// move went to the tax office's inbox by the keyword rule (outside probe), as it had for residents' links. Null for a
    /// concern whose own rules ask its words where to go (the general enquiry): the keyword rules route it.
    /// </summary>
    public async Task<Route?> ForChosenConcernAsync(string concernKey, CancellationToken ct)
    {
        var own = (await RulesAsync(ct)).Where(r => r.ConcernKey == concernKey && r.SourceDepartmentKey is null).ToList();
        if (own.Any(r => r.Keyword is not null)) return null;
        return own.FirstOrDefault() is { } rule ? new Route(rule.TargetDepartmentKey, rule.Name) : null;
    }

    /// <summary>Whether documents of the concern are taken here: some routing rule names it.</summary>
    public async Task<bool> OffersAsync(string concernKey, CancellationToken ct) => (await RulesAsync(ct)).Any(r => r.ConcernKey == concernKey);

    private async Task<IReadOnlyList<RoutingRule>> RulesAsync(CancellationToken ct) =>
        rules ??= await db.RoutingRules.AsNoTracking().OrderByDescending(r => r.Priority).ThenBy(r => r.Id).ToListAsync(ct);

    /// <summary>Lower case without accents, so "Steuererklärung", "STEUER" and "steuer" match the keyword "steuer".</summary>
    internal static string Fold(string value)
    {
        var decomposed = value.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) builder.Append(c);
        }
        return builder.ToString();
    }
}
