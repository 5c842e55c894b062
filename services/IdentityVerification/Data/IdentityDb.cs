using Microsoft.EntityFrameworkCore;
using Municipal.ServiceDefaults.Data;

namespace Municipal.IdentityVerification.Data;

public sealed class IdentityDb(DbContextOptions<IdentityDb> options) : ServiceDbContext(options)
{
    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}
