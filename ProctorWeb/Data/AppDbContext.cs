using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ProctorWeb.Data;

public class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AppUser>().Property(u => u.DisplayName).HasMaxLength(AppUserLimits.DisplayNameLength).IsRequired();
    }
}

public static class AppUserLimits
{
    public const int DisplayNameLength = 60;
}
