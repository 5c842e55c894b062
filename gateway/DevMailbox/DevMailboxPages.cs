using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace Municipal.Gateway.DevMailbox;

/// <summary>
/// Development only: the mails the system sent, read from the SMTP sink's Maildir (<c>Mail:Maildir</c>), so a
/// newcomer can click a join or manage link. Rendered on the server as plain HTML: no script, no mail HTML.
/// </summary>
public static partial class DevMailboxPages
{
    public static IEndpointRouteBuilder MapDevMailbox(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dev/mailbox", List).AllowAnonymous();
        app.MapGet("/dev/mailbox/{id}", Show).AllowAnonymous();
        return app;
    }

    private static IEnumerable<(string Id, DateTime At, string Path)> Files(IConfiguration configuration)
    {
        var root = configuration["Mail:Maildir"];
        if (string.IsNullOrEmpty(root)) yield break;
        foreach (var folder in new[] { "new", "cur" })
        {
            var dir = Path.Combine(root, folder);
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.EnumerateFiles(dir))
            {
                yield return (Path.GetFileName(file), File.GetLastWriteTimeUtc(file), file);
            }
        }
    }

    public static IResult List(IConfiguration configuration, string? to)
    {
        var rows = new StringBuilder();
        foreach (var (id, at, path) in Files(configuration).OrderByDescending(f => f.At).Take(200))
        {
            MimeMessage message;
            try { message = MimeMessage.Load(path); } catch (Exception) { continue; }
            var recipients = string.Join(", ", message.To.Mailboxes.Select(m => m.Address));
            if (!string.IsNullOrEmpty(to) && !recipients.Contains(to, StringComparison.OrdinalIgnoreCase)) continue;
            rows.Append($"<tr><td>{at:yyyy-MM-dd HH:mm:ss}</td><td>{E(recipients)}</td><td><a href=\"/dev/mailbox/{Uri.EscapeDataString(id)}\">{E(message.Subject ?? "(ohne Betreff)")}</a></td></tr>");
        }
        return Page("Entwicklungs-Postfach / Development mailbox", $"""
            <form method="get" action="/dev/mailbox"><label for="to">Empfänger / Recipient</label><input id="to" name="to" value="{E(to ?? "")}"><button type="submit">Filtern / Filter</button></form>
            <table><caption>Gesendete Mails / Sent mails</caption><thead><tr><th scope="col">Zeit (UTC)</th><th scope="col">An / To</th><th scope="col">Betreff / Subject</th></tr></thead><tbody>{rows}</tbody></table>
            """);
    }

    public static IResult Show(string id, IConfiguration configuration)
    {
        var file = Files(configuration).FirstOrDefault(f => f.Id == id);
        if (file.Path is null) return Results.NotFound();
        var message = MimeMessage.Load(file.Path);
        var text = message.TextBody ?? StripTags(message.HtmlBody ?? "");
        var attachments = string.Join("", message.Attachments.Select(a => $"<li>{E(a.ContentDisposition?.FileName ?? a.ContentType.MimeType)} ({E(a.ContentType.MimeType)})</li>"));
        return Page(message.Subject ?? "Mail", $"""
            <p><a href="/dev/mailbox">← Alle Mails / All mails</a></p>
            <dl><dt>Von / From</dt><dd>{E(message.From.ToString())}</dd><dt>An / To</dt><dd>{E(message.To.ToString())}</dd><dt>Datum / Date</dt><dd>{message.Date:u}</dd></dl>
            <div class="card mail">{Linkify(text)}</div>
            {(attachments.Length > 0 ? $"<h2>Anhänge / Attachments</h2><ul>{attachments}</ul>" : "")}
            """);
    }

    private static IResult Page(string title, string body) => Results.Content($"""
        <!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)}</title><link rel="stylesheet" href="/shared/app.css"></head>
        <body><header class="site"><span class="brand">Digitaler Schalter – Dev</span></header><main id="main"><h1>{E(title)}</h1>{body}</main></body></html>
        """, "text/html; charset=utf-8");

    private static string E(string value) => WebUtility.HtmlEncode(value);

    private static string Linkify(string text)
    {
        var encoded = E(text);
        var linked = UrlPattern().Replace(encoded, m => $"<a href=\"{m.Value}\">{m.Value}</a>");
        return linked.Replace("\n", "<br>");
    }

    private static string StripTags(string html) => TagPattern().Replace(html, " ");

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex UrlPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
