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
}
