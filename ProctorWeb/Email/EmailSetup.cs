using Microsoft.Extensions.Options;

namespace ProctorWeb.Email;

public static class EmailSetup
{
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PublicUrlOptions>().BindConfiguration(PublicUrlOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PublicUrlOptions>, PublicUrlValidator>();
        services.AddSingleton<MailFolder>();
        services.AddHostedService<MailFolder.Preparation>();
        services.AddSingleton<IMailer, Mailer>();
        services.AddSingleton<PublicLinks>();
        return services;
    }
}
