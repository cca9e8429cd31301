using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProctorWeb.Data;

namespace ProctorWeb.Accounts;

/// <summary>Accounts:TeacherSelfRegistration: off by default, so teachers are invited by an admin; on for a small school.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    public bool TeacherSelfRegistration { get; set; }
}

/// <summary>The first admin from configuration (Admin:Email, Admin:Password, Admin:Name), used only while no admin exists.</summary>
public sealed class FirstAdminOptions
{
    public const string Section = "Admin";

    public string? Email { get; set; }
    public string? Password { get; set; }
    public string Name { get; set; } = "Administrator";
}

/// <summary>Who the admins are, and making one: from the command line (create-admin) or configuration at start.</summary>
public sealed class AdminAccounts(UserManager<AppUser> users, IOptions<FirstAdminOptions> firstAdmin, ILogger<AdminAccounts> log)
{
    public async Task<bool> AnyAsync() => (await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0;

    /// <summary>
    /// Makes <paramref name="email"/>'s account an admin (and a teacher, so one person can run a small school), creating it
    /// confirmed with <paramref name="password"/> when there is none: whoever runs the server vouches for the address.
    /// An existing account keeps its password. Returns the errors in words, or an empty list.
    /// </summary>
    public async Task<List<string>> MakeAdminAsync(string email, string name, string? password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            var displayName = PersonNames.Clean(name);
            if (displayName.Length < 2)
            {
                return ["The name needs at least 2 visible characters."];
            }
            if (string.IsNullOrEmpty(password))
            {
                return [$"{email} has no account yet, so a password is needed to create it."];
            }
            user = new AppUser { UserName = email, Email = email, DisplayName = displayName, EmailConfirmed = true };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return created.Errors.Select(e => e.Description).ToList();
            }
        }
        foreach (var role in new[] { Roles.Teacher, Roles.Admin })
        {
            if (!await users.IsInRoleAsync(user, role))
            {
                await users.AddToRoleAsync(user, role);
            }
        }
        return [];
    }

    /// <summary>At start: when Admin:Email is set and no admin exists yet, that account becomes the first admin. A bad password stops the app.</summary>
    public async Task EnsureFirstAdminAsync()
    {
        var options = firstAdmin.Value;
        if (string.IsNullOrWhiteSpace(options.Email))
        {
            return;
        }
        if (await AnyAsync())
        {
            if (!string.IsNullOrEmpty(options.Password))
            {
                log.LogWarning("Admin:Password is still in the configuration although an admin exists; it is not used. Remove it.");
            }
            return;
        }
        var errors = await MakeAdminAsync(options.Email.Trim(), options.Name, options.Password);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(FirstAdminOptions.Section, typeof(FirstAdminOptions),
                [$"Admin:Email {options.Email} could not be made the first admin: {string.Join(" ", errors)}"]);
        }
        log.LogWarning("{Email} is now the first admin. Remove Admin:Password from the configuration: it is never used again.", options.Email);
    }
}

public static class AdminSetup
{
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddOptions<FirstAdminOptions>().BindConfiguration(FirstAdminOptions.Section);
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section);
        services.AddScoped<AdminAccounts>();
        return services;
    }

    /// <summary>The first admin from configuration, if asked for and none exists yet.</summary>
    public static async Task EnsureFirstAdminAsync(this IServiceProvider services)
    {
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AdminAccounts>().EnsureFirstAdminAsync();
    }

    /// <summary>
    /// <c>create-admin --email a@b.org --name "A B"</c>: the password comes from ADMIN_PASSWORD or the first line of
    /// standard input (so it is in no shell history or process list). Returns the process exit code.
    /// </summary>
    public static async Task<int> RunCreateAdminAsync(this IServiceProvider services, string[] args, TextReader input, TextWriter output)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var email = Option("--email");
        if (string.IsNullOrWhiteSpace(email))
        {
            await output.WriteLineAsync("Usage: create-admin --email ADDRESS [--name \"NAME\"]; the password from ADMIN_PASSWORD or the first line of standard input.");
            return 2;
        }
        using var scope = services.CreateScope();
        var admins = scope.ServiceProvider.GetRequiredService<AdminAccounts>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        string? password = null;
        if (await users.FindByEmailAsync(email) is null)
        {
            password = Environment.GetEnvironmentVariable("ADMIN_PASSWORD");
            if (string.IsNullOrEmpty(password))
            {
                await output.WriteLineAsync($"Password for {email} (at least {CommonPasswordValidator.MinimumLength} characters):");
                password = await input.ReadLineAsync();
            }
        }
        var errors = await admins.MakeAdminAsync(email.Trim(), Option("--name") ?? "Administrator", password);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await output.WriteLineAsync(error);
            }
            return 1;
        }
        await output.WriteLineAsync(password is null ? $"{email} already had an account; it is now an admin." : $"{email} is now an admin and can sign in.");
        return 0;
    }
}
