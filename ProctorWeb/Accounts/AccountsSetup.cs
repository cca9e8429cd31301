using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProctorWeb.Data;

namespace ProctorWeb.Accounts;

public static class AccountsSetup
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Length, not composition: any characters, at least 12, and not a common one (CommonPasswordValidator).
                o.Password.RequiredLength = CommonPasswordValidator.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                // Nobody signs in, or is named co-proctor, with an address they have not shown is theirs.
                o.SignIn.RequireConfirmedEmail = true;
                o.Tokens.PasswordResetTokenProvider = PasswordResetTokenOptions.ProviderName;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddErrorDescriber<AccountErrors>()
            .AddClaimsPrincipalFactory<DisplayNameClaimsFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<PasswordResetTokenProvider>(PasswordResetTokenOptions.ProviderName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<AccountMails>();
        services.AddScoped<AccountSessions>();
        services.AddScoped<AccountDeletion>();

        // Failed sign-ins per client address, and the dummy hash that makes an unknown email as slow as a known one.
        services.AddOptions<SignInLimitOptions>().BindConfiguration(SignInLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<DummyPasswordHash>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/Login";
            o.Cookie.Name = "proctorweb.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // Every request checks the cookie's security stamp, so a signed-out session is over everywhere at once.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.AddScoped<ISecurityStampValidator, SessionStampValidator>();
        return services;
    }
}
