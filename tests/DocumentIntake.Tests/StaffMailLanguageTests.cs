using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Contracts.Booking;
using Municipal.DocumentIntake.Data;
using Municipal.Testing;

namespace Municipal.DocumentIntake.Tests;

/// <summary>
/// The departments' mailboxes were written to in German in every city, Lugano too. They are now written in the staff's
/// language (here Lugano's: <c>City:DefaultLanguage</c> = it), subject and all, each department named in it as
/// booking announced it (the German name where no Italian one was given), and so is the document's concern.
/// </summary>
public sealed class StaffMailLanguageTests(StaffMailLanguageTests.Factory factory) : IClassFixture<StaffMailLanguageTests.Factory>
{
    public sealed class Factory : DocumentFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Configure() => [.. base.Configure(), new("City:DefaultLanguage", "it")];
    }

    [Fact]
    public async Task A_new_and_a_handed_on_document_are_told_in_Italian_with_the_departments_Italian_names()
    {
        var key = $"controllo-{Guid.NewGuid():N}"[..20];
        var mailbox = $"{key}@lugano.example";
        var bus = factory.Services.GetRequiredService<IBusControl>();
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        await bus.Publish(new DepartmentChanged(key, "Einwohnerkontrolle", "Residents' control", mailbox, DateTimeOffset.UtcNow, "Contrôle des habitants", "Controllo abitanti"));
        await bus.Publish(new ConcernChanged("move", "residents-office", "Umzug", "Move", "Déménagement", "Trasloco", DateTimeOffset.UtcNow));
        await Poll.UntilAsync(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DocumentDb>().ConcernNames.AnyAsync(c => c.ConcernKey == "move" && c.NameIt == "Trasloco");
        }, TimeSpan.FromSeconds(30), "The concern's names were not consumed in time.");

        var (kiosk, _) = await factory.EnrolKioskAsync();
        var form = Files.Form(("files", "Contratto.pdf", Files.Pdf(Guid.NewGuid().ToString()), "application/pdf")).With("concernKey", "move");
        var id = Assert.Single((await (await kiosk.PostAsync("/api/documents/kiosk/submissions", form)).SubmittedAsync()).Documents).Id!.Value;

        // The residents' office has no Italian name in this city's data: its German one stands in.
        var received = Assert.Single(await Mailbox.WaitForAsync("einwohneramt@stadt.example", where: m => m.Subject?.EndsWith($"[{id}]", StringComparison.Ordinal) == true));
        Assert.Equal($"Nuovo documento nella posta in arrivo Einwohneramt [{id}]", received.Subject);
        Assert.Contains("Nella posta in arrivo Einwohneramt è arrivato un nuovo documento.", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("Provenienza: Terminale di scansione", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("Richiesta: Trasloco", received.TextBody, StringComparison.Ordinal); // its key ("move") until 2026-12-07
        Assert.Contains("Il documento stesso non viene inviato per e-mail.", received.TextBody, StringComparison.Ordinal);
        Assert.Equal("it", received.Body!.Headers[MimeKit.HeaderId.ContentLanguage]);

        var clerk = factory.CreateStaffClient(Staff.Clerk("residents-office"));
        await Poll.UntilAsync(async () => (await clerk.PostAsJsonAsync($"/api/documents/{id}/hand-on", new { departmentKey = key, reason = "riguarda il controllo" })).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "The department's inbox was not known in time.");
        var handedOn = Assert.Single(await Mailbox.WaitForAsync(mailbox, where: m => m.Subject?.EndsWith($"[{id}]", StringComparison.Ordinal) == true));
        Assert.Equal($"Documento inoltrato da Einwohneramt a Controllo abitanti [{id}]", handedOn.Subject);
        Assert.Contains("Einwohneramt ha inoltrato un documento alla posta in arrivo Controllo abitanti.", handedOn.TextBody, StringComparison.Ordinal);
        Assert.Contains("Motivo: riguarda il controllo", handedOn.TextBody, StringComparison.Ordinal);
        Assert.Matches(@"File: Contratto\.pdf \(application/pdf, [\d’'.,\u00a0\u202f ]+ byte\)", handedOn.TextBody);
        Assert.DoesNotContain("Datei", handedOn.TextBody, StringComparison.Ordinal);
        Assert.Equal("it", handedOn.Body!.Headers[MimeKit.HeaderId.ContentLanguage]);
    }

    /// <summary>
    /// A bilingual city writing in German (Biel/Bienne) had one staff language: its French-speaking office's mailbox
    /// read German. Each department now has its own (booking's admin page, <c>DepartmentChanged.StaffLanguage</c>): the
    /// French-speaking office is told in French, subject and all, the concern and both departments named in French; the
    /// German-speaking one in German, whatever French names it has.
    /// </summary>
    public sealed class InABilingualGermanCity(DocumentFactory factory) : IClassFixture<DocumentFactory>
    {
        [Fact]
        public async Task A_french_speaking_departments_mailbox_is_told_in_french_and_a_german_speaking_ones_in_german()
        {
            var run = Guid.NewGuid().ToString("N")[..8];
            var french = $"einwohner.{run}@biel-bienne.example";
            var germanKey = $"steuern-{run}";
            var german = $"{germanKey}@biel-bienne.example";
            var bus = factory.Services.GetRequiredService<IBusControl>();
            await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
            await bus.Publish(new DepartmentChanged("residents-office", "Einwohnerkontrolle", "Residents' office", french, DateTimeOffset.UtcNow,
                "Contrôle des habitants", "Controllo abitanti", StaffLanguage: "fr"));
            await bus.Publish(new DepartmentChanged(germanKey, "Steuerverwaltung", "Tax administration", german, DateTimeOffset.UtcNow,
                "Intendance des impôts", "Amministrazione delle imposte", StaffLanguage: "de"));
            await bus.Publish(new ConcernChanged("move", "residents-office", "Umzug", "Move", "Déménagement", "Trasloco", DateTimeOffset.UtcNow));
            await Poll.UntilAsync(async () =>
            {
                await using var scope = factory.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DocumentDb>();
                return await db.ConcernNames.AnyAsync(c => c.ConcernKey == "move" && c.NameFr == "Déménagement")
                    && await db.DepartmentInboxes.AnyAsync(i => i.DepartmentKey == "residents-office" && i.StaffLanguage == "fr")
                    && await db.DepartmentInboxes.AnyAsync(i => i.DepartmentKey == germanKey);
            }, TimeSpan.FromSeconds(30), "The departments and the concern were not consumed in time.");

            var (kiosk, _) = await factory.EnrolKioskAsync();
            var form = Files.Form(("files", "Bail.pdf", Files.Pdf(Guid.NewGuid().ToString()), "application/pdf")).With("concernKey", "move");
            var id = Assert.Single((await (await kiosk.PostAsync("/api/documents/kiosk/submissions", form)).SubmittedAsync()).Documents).Id!.Value;

            var received = Assert.Single(await Mailbox.WaitForAsync(french, where: m => m.Subject?.EndsWith($"[{id}]", StringComparison.Ordinal) == true));
            Assert.Equal($"Nouveau document dans la boîte de réception Contrôle des habitants [{id}]", received.Subject);
            Assert.Contains("Un nouveau document est arrivé dans la boîte de réception Contrôle des habitants.", received.TextBody, StringComparison.Ordinal);
            Assert.Contains("Provenance\u00a0: Terminal de numérisation", received.TextBody, StringComparison.Ordinal);
            Assert.Contains("Démarche\u00a0: Déménagement", received.TextBody, StringComparison.Ordinal);
            Assert.Equal("fr", received.Body!.Headers[MimeKit.HeaderId.ContentLanguage]);

            // Handed on to the German-speaking office: German, the French-speaking one named in German.
            var residents = factory.CreateStaffClient(Staff.Clerk("residents-office"));
            await Poll.UntilAsync(async () => (await residents.PostAsJsonAsync($"/api/documents/{id}/hand-on", new { departmentKey = germanKey, reason = "betrifft die Steuern" })).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(30), "The document could not be handed on in time.");
            var toGerman = Assert.Single(await Mailbox.WaitForAsync(german, where: m => m.Subject?.EndsWith($"[{id}]", StringComparison.Ordinal) == true));
            Assert.Equal($"Dokument weitergegeben von Einwohnerkontrolle an Steuerverwaltung [{id}]", toGerman.Subject);
            Assert.Contains("Einwohnerkontrolle hat ein Dokument an den Posteingang Steuerverwaltung weitergegeben.", toGerman.TextBody, StringComparison.Ordinal);
            Assert.Contains("Grund: betrifft die Steuern", toGerman.TextBody, StringComparison.Ordinal);
            Assert.Equal("de", toGerman.Body!.Headers[MimeKit.HeaderId.ContentLanguage]);

            // And back: French again, the German-speaking office by its French name.
            var tax = factory.CreateStaffClient(Staff.Clerk(germanKey));
            var back = await tax.PostAsJsonAsync($"/api/documents/{id}/hand-on", new { departmentKey = "residents-office", reason = "concerne le déménagement" });
            Assert.True(back.StatusCode == HttpStatusCode.OK, $"{back.StatusCode}: {await back.Content.ReadAsStringAsync()}");
            var toFrench = Assert.Single(await Mailbox.WaitForAsync(french, where: m => m.Subject is { } subject
                && subject.StartsWith("Document transmis", StringComparison.Ordinal) && subject.EndsWith($"[{id}]", StringComparison.Ordinal)));
            Assert.Equal($"Document transmis par Intendance des impôts à Contrôle des habitants [{id}]", toFrench.Subject);
            Assert.Contains("Intendance des impôts a transmis un document à la boîte de réception Contrôle des habitants.", toFrench.TextBody, StringComparison.Ordinal);
            Assert.Contains("Motif\u00a0: concerne le déménagement", toFrench.TextBody, StringComparison.Ordinal);
            Assert.Matches(@"Fichier\u00a0: Bail\.pdf \(application/pdf, [\d’'.,\u00a0\u202f ]+ octets\)", toFrench.TextBody);
            Assert.DoesNotContain("Datei", toFrench.TextBody, StringComparison.Ordinal);
            Assert.Equal("fr", toFrench.Body!.Headers[MimeKit.HeaderId.ContentLanguage]);
        }
    }
}
