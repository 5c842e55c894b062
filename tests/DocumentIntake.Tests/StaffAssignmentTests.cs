using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Municipal.Contracts.Staff;
using Municipal.DocumentIntake.Data;
using Municipal.Testing;

namespace Municipal.DocumentIntake.Tests;

/// <summary>A document is assigned only to someone who exists and works for its department (issue 13 item 14).</summary>
public class StaffAssignmentTests(DocumentFactory factory) : IClassFixture<DocumentFactory>
{
    [Fact]
    public async Task Assigning_to_an_unknown_or_foreign_staff_id_is_refused_naming_the_field()
    {
        var (token, _) = await factory.Tokens.NewRoomAsync("tax-office", "tax-payment");
        var uploaded = await (await factory.CreateResidentClient(token).PostAsync("/api/documents/uploads",
            Files.Form(("files", "zahlung.pdf", Files.Pdf("pay"), "application/pdf")))).SubmittedAsync();
        var id = uploaded.Documents[0].Id;
        var clerk = Staff.Clerk("tax-office");
        var tax = factory.CreateStaffClient(clerk);

        var unknown = await tax.PostAsJsonAsync($"/api/documents/{id}/assign", new { staffId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("staffId", (await unknown.ProblemAsync()).Errors.Keys);

        var colleague = Guid.NewGuid();
        var foreign = Guid.NewGuid();
        var gone = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await AnnounceAsync(new StaffAccountChanged(colleague, "Tom Steuer", ["clerk"], ["tax-office"], ["tax-payment"], true, now));
        await AnnounceAsync(new StaffAccountChanged(foreign, "Rita Einwohner", ["clerk"], ["residents-office"], ["move"], true, now));
        await AnnounceAsync(new StaffAccountChanged(gone, "Alt Steuer", ["clerk"], ["tax-office"], [], false, now));

        var other = await tax.PostAsJsonAsync($"/api/documents/{id}/assign", new { staffId = foreign });
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Contains("staffId", (await other.ProblemAsync()).Errors.Keys);
        Assert.Equal(HttpStatusCode.BadRequest, (await tax.PostAsJsonAsync($"/api/documents/{id}/assign", new { staffId = gone })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await tax.PostAsJsonAsync($"/api/documents/{id}/assign", new { staffId = colleague })).StatusCode);
        // One's own id needs no announcement: the caller's token vouches for it.
        Assert.Equal(HttpStatusCode.OK, (await tax.PostAsJsonAsync($"/api/documents/{id}/assign", new { staffId = clerk.Id })).StatusCode);
    }

    private async Task AnnounceAsync(StaffAccountChanged change)
    {
        var bus = factory.Services.GetRequiredService<IBusControl>();
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        await bus.Publish(change);
        await Poll.UntilAsync(async () =>
        {
            using var scope = factory.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<DocumentDb>().StaffMembers.AnyAsync(s => s.StaffId == change.StaffId);
        }, TimeSpan.FromSeconds(30), "The staff account was not consumed in time.");
    }
}
