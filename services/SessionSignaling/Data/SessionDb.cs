using Microsoft.EntityFrameworkCore;
using Municipal.ServiceDefaults.Data;

namespace Municipal.SessionSignaling.Data;

public sealed class SessionDb(DbContextOptions<SessionDb> options) : ServiceDbContext(options)
{
    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}
