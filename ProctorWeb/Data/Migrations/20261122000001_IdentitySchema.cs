using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ProctorWeb.Data.Migrations;

// Frozen history: written by hand before EF Core's design-time tools were available here, and
// kept because every existing database was built by it. Its values are literals, as they were
// that day. Do not change it: schema changes go in a new migration (see the README).
// MigrationsMatchTheModelTests proves that these migrations build the same schema as the model.
[DbContext(typeof(AppDbContext))]
[Migration("20261122000001_IdentitySchema")]
public class IdentitySchema : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable(
            name: "AspNetRoles",
            columns: t => new
            {
                Id = t.Column<string>(type: "TEXT", nullable: false),
                Name = t.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                NormalizedName = t.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                ConcurrencyStamp = t.Column<string>(type: "TEXT", nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_AspNetRoles", x => x.Id));

        m.CreateTable(
            name: "AspNetUsers",
            columns: t => new
            {
                Id = t.Column<string>(type: "TEXT", nullable: false),
                UserName = t.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                NormalizedUserName = t.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                Email = t.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                NormalizedEmail = t.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                EmailConfirmed = t.Column<bool>(type: "INTEGER", nullable: false),
                PasswordHash = t.Column<string>(type: "TEXT", nullable: true),
                SecurityStamp = t.Column<string>(type: "TEXT", nullable: true),
                ConcurrencyStamp = t.Column<string>(type: "TEXT", nullable: true),
                PhoneNumber = t.Column<string>(type: "TEXT", nullable: true),
                PhoneNumberConfirmed = t.Column<bool>(type: "INTEGER", nullable: false),
                TwoFactorEnabled = t.Column<bool>(type: "INTEGER", nullable: false),
                LockoutEnd = t.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                LockoutEnabled = t.Column<bool>(type: "INTEGER", nullable: false),
                AccessFailedCount = t.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_AspNetUsers", x => x.Id));

        m.CreateTable(
            name: "AspNetRoleClaims",
            columns: t => new
            {
                Id = t.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                RoleId = t.Column<string>(type: "TEXT", nullable: false),
                ClaimType = t.Column<string>(type: "TEXT", nullable: true),
                ClaimValue = t.Column<string>(type: "TEXT", nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                t.ForeignKey("FK_AspNetRoleClaims_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
            });

        m.CreateTable(
            name: "AspNetUserClaims",
            columns: t => new
            {
                Id = t.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                UserId = t.Column<string>(type: "TEXT", nullable: false),
                ClaimType = t.Column<string>(type: "TEXT", nullable: true),
                ClaimValue = t.Column<string>(type: "TEXT", nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                t.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        m.CreateTable(
            name: "AspNetUserLogins",
            columns: t => new
            {
                LoginProvider = t.Column<string>(type: "TEXT", nullable: false),
                ProviderKey = t.Column<string>(type: "TEXT", nullable: false),
                ProviderDisplayName = t.Column<string>(type: "TEXT", nullable: true),
                UserId = t.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                t.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        m.CreateTable(
            name: "AspNetUserRoles",
            columns: t => new
            {
                UserId = t.Column<string>(type: "TEXT", nullable: false),
                RoleId = t.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                t.ForeignKey("FK_AspNetUserRoles_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_AspNetUserRoles_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        m.CreateTable(
            name: "AspNetUserTokens",
            columns: t => new
            {
                UserId = t.Column<string>(type: "TEXT", nullable: false),
                LoginProvider = t.Column<string>(type: "TEXT", nullable: false),
                Name = t.Column<string>(type: "TEXT", nullable: false),
                Value = t.Column<string>(type: "TEXT", nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                t.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        m.CreateIndex("IX_AspNetRoleClaims_RoleId", "AspNetRoleClaims", "RoleId");
        m.CreateIndex("RoleNameIndex", "AspNetRoles", "NormalizedName", unique: true);
        m.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");
        m.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");
        m.CreateIndex("IX_AspNetUserRoles_RoleId", "AspNetUserRoles", "RoleId");
        m.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        m.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[] { "AspNetRoleClaims", "AspNetUserClaims", "AspNetUserLogins", "AspNetUserRoles", "AspNetUserTokens", "AspNetRoles", "AspNetUsers" })
        {
            m.DropTable(table);
        }
    }
}
