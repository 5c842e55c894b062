using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Municipal.Form.Data;
using Municipal.Form.Jobs;
using Municipal.Form.Model;

namespace Municipal.Form.Tests;

/// <summary>
/// What forms keeps of a resident for a while goes on a timer (an operator's privacy probe: a verified identity stayed
/// until the next verification came, which may never happen).
/// </summary>
public sealed class RetentionTests(FormFactory factory) : IClassFixture<FormFactory>
{
    [Fact]
    public async Task A_verified_identity_goes_after_a_day_and_an_abandoned_draft_a_week_after_its_link_expired()
    {
        var now = DateTimeOffset.UtcNow;
        var (staleProfile, freshProfile) = (Guid.NewGuid(), Guid.NewGuid());
        var (abandoned, recent, submitted) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FormDb>();
            db.ResidentProfiles.Add(new ResidentProfile { SessionId = staleProfile, Surname = "Muster", GivenNames = "Erika", BirthDate = new(1980, 1, 2), ReceivedAt = now.AddHours(-25) });
            db.ResidentProfiles.Add(new ResidentProfile { SessionId = freshProfile, Surname = "Muster", GivenNames = "Erika", BirthDate = new(1980, 1, 2), ReceivedAt = now.AddHours(-23) });
            db.Drafts.Add(DraftOf(abandoned, Draft.Open, now.AddDays(-8)));
            db.Drafts.Add(DraftOf(recent, Draft.Open, now.AddDays(-6)));
            db.Drafts.Add(DraftOf(submitted, Draft.Submitted, now.AddDays(-30)));
            db.DraftFields.Add(new DraftField { DraftId = abandoned, Field = "applicant.officialName", Value = "\"Muster\"", UpdatedBy = "resident", UpdatedAt = now });
            await db.SaveChangesAsync();
        }

        var job = factory.Services.GetServices<IHostedService>().OfType<FormRetentionJob>().Single();
        Assert.True(await job.RunOnceAsync(CancellationToken.None) >= 2);

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FormDb>();
            Assert.False(await db.ResidentProfiles.AnyAsync(p => p.SessionId == staleProfile));
            Assert.True(await db.ResidentProfiles.AnyAsync(p => p.SessionId == freshProfile));
            var left = await db.Drafts.Where(d => d.Id == abandoned || d.Id == recent || d.Id == submitted).Select(d => d.Id).ToListAsync();
            Assert.Equal(new[] { recent, submitted }.Order(), left.Order());
            Assert.False(await db.DraftFields.AnyAsync(f => f.DraftId == abandoned));
        }
    }

    private static Draft DraftOf(Guid id, string status, DateTimeOffset expiresAt) => new()
    {
        Id = id, DefinitionId = "move", ConcernKey = "move", DepartmentKey = "residents-office", Language = "de",
        Status = status, ExpiresAt = expiresAt, CreatedAt = expiresAt.AddDays(-1), UpdatedAt = expiresAt.AddDays(-1),
    };
}
