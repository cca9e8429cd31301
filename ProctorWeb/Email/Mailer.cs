using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ProctorWeb.Email;

/// <summary>Sends a message through the configured SMTP server, or writes it as an .eml file when there is none.</summary>
public interface IMailer
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default);
}

public sealed class Mailer(IOptions<EmailOptions> options, MailFolder folder, ILogger<Mailer> logger) : IMailer
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        var email = options.Value;
        if (message.From.Count == 0)
        {
            message.From.Add(MailboxAddress.Parse(email.From));
        }
        if (!email.UsesSmtp)
        {
            var path = await folder.WriteAsync(message, cancellationToken);
            logger.LogInformation("No SMTP server is configured (Email:Host): the mail \"{Subject}\" was written to {Path}.", message.Subject, path);
            return;
        }
        // One connection per mail: account mails are rare, and a held connection would only time out between them.
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(email.Host!, email.Port, email.Security switch
        {
            EmailSecurity.None => SecureSocketOptions.None,
            EmailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        }, cancellationToken);
        if (!string.IsNullOrEmpty(email.Username))
        {
            await smtp.AuthenticateAsync(email.Username, email.Password ?? "", cancellationToken);
        }
        await smtp.SendAsync(message, cancellationToken);
        await smtp.DisconnectAsync(quit: true, cancellationToken);
    }
}
