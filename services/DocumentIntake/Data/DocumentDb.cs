using Microsoft.EntityFrameworkCore;
using Municipal.ServiceDefaults.Data;

namespace Municipal.DocumentIntake.Data;

public sealed class DocumentDb(DbContextOptions<DocumentDb> options) : ServiceDbContext(options)
{
    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}
