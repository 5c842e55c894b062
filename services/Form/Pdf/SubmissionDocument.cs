using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Municipal.Form.Definitions;
using Municipal.Form.Rules;
using Municipal.ServiceDefaults;

namespace Municipal.Form.Pdf;

/// <summary>The printable record of a submission: every answered field with its label, the signature and how it was verified, and the content hash.</summary>
public static class SubmissionDocument
{
    public sealed record Content(
        FormDefinition Definition,
        IReadOnlyDictionary<string, JsonElement> Values,
        string Reference,
        string Language,
        DateTimeOffset SubmittedAtLocal,
        string SignatureKind,
        string? SignatureImage,
        string SignatureSummary,
        string ContentSha256);

    public static string Html(Content c)
    {
        // The document's own words in the resident's language (Leichte Sprache: German); the form's texts in it too (Leichte
        // Sprache: the definition's own, country names German).
        string T(string de, string english, string fr, string it) => WebUtility.HtmlEncode(Languages.Choose(c.Language, de, english, fr, it));
        string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var visible = RuleEngine.Visibility(c.Definition, c.Values);
        var effective = RuleEngine.Effective(c.Definition, c.Values);

        var html = new StringBuilder();
        html.Append($$"""
            <!doctype html><html lang="{{Languages.OrGerman(c.Language)}}"><head><meta charset="utf-8"><title>{{E(c.Reference)}} – {{E(c.Definition.Title.For(c.Language))}}</title>
            <style>
            @page { size: A4; margin: 18mm 16mm; }
            body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; color: #111; }
            h1 { font-size: 17pt; margin: 0 0 4mm; } h2 { font-size: 12.5pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; }
            table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: 1.2mm 2mm; border-bottom: 1px solid #ddd; }
            th { width: 42%; font-weight: normal; color: #444; } .meta td, .meta th { border: 0; padding: .6mm 2mm; }
            .hash { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; word-break: break-all; }
            img { max-width: 90mm; max-height: 35mm; border: 1px solid #ccc; }
            </style></head><body>
            <h1>{{E(c.Definition.Title.For(c.Language))}}</h1>
            <table class="meta">
            <tr><th>{{T("Dossier", "Dossier", "Dossier", "Incarto")}}</th><td>{{E(c.Reference)}}</td></tr>
            <tr><th>{{T("Eingereicht am", "Submitted on", "Déposé le", "Inoltrato il")}}</th><td>{{E(c.SubmittedAtLocal.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture))}}</td></tr>
            </table>
            """);

        foreach (var section in c.Definition.Sections)
        {
            var rows = section.Fields
                .SelectMany(f => f.Fields is { Count: > 0 }
                    ? f.Fields.Select(m => (Group: (FormField?)f, Leaf: m))
                    : [(Group: (FormField?)null, Leaf: f)])
                .Where(x => visible.GetValueOrDefault(x.Leaf.Id) && effective.ContainsKey(x.Leaf.Id))
                .ToList();
            if (rows.Count == 0) continue;
            html.Append($"<h2>{E(section.Title.For(c.Language))}</h2><table>");
            foreach (var (group, leaf) in rows)
            {
                // French sets a (non-breaking) space before the colon, as the pages do.
                var colon = c.Language == Languages.French ? "\u00A0: " : ": ";
                var label = group is null ? leaf.Label.For(c.Language) : $"{group.Label.For(c.Language)}{colon}{leaf.Label.For(c.Language)}";
                html.Append($"<tr><th>{E(label)}</th><td>{E(Display(leaf, effective[leaf.Id], c.Language))}</td></tr>");
            }
            html.Append("</table>");
        }

        html.Append($"<h2>{T("Unterschrift", "Signature", "Signature", "Firma")}</h2><table class=\"meta\">");
        html.Append($"<tr><th>{T("Art", "Kind", "Type", "Tipo")}</th><td>{(c.SignatureKind == "tan" ? T("TAN (Einmalcode)", "TAN (one-time code)", "TAN (code à usage unique)", "TAN (codice monouso)") : T("Handschriftlich auf dem Bildschirm", "Drawn on screen", "À la main sur l’écran", "A mano sullo schermo"))}</td></tr>");
        html.Append($"<tr><th>{T("Prüfung", "Verification", "Vérification", "Verifica")}</th><td>{E(c.SignatureSummary)}</td></tr>");
        if (c.SignatureImage is { } image) html.Append($"<tr><th></th><td><img alt=\"{T("Unterschrift", "Signature", "Signature", "Firma")}\" src=\"{E(image)}\"></td></tr>");
        html.Append($"<tr><th>{T("Inhalts-Prüfsumme (SHA-256)", "Content hash (SHA-256)", "Somme de contrôle du contenu (SHA-256)", "Somma di controllo del contenuto (SHA-256)")}</th><td class=\"hash\">{E(c.ContentSha256)}</td></tr>");
        html.Append("</table></body></html>");
        return html.ToString();
    }

    public static string Display(FormField leaf, object value, string language) => value switch
    {
        true => Languages.Choose(language, "Ja", "Yes", "Oui", "Sì"),
        string s when leaf.Type == "choice" => leaf.Options?.FirstOrDefault(o => o.Value == s)?.Label.For(language) ?? s,
        string s when leaf.Type == "date" && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) =>
            d.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
