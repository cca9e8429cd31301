using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProctorWeb.Text;

namespace ProctorWeb.Email;

/// <summary>
/// Why a mail was not sent, in words a teacher can act on, for pages that report each mail's fate: in the current
/// request's language (AccountText).
/// </summary>
public static class MailFailures
{
    // A static helper that callers use without a localizer of their own: the resources read directly, by the current UI culture.
    private static readonly IStringLocalizer T = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(AccountText));

    public static string Describe(Exception error) => error switch
    {
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } refused =>
            T["the mail server refused this address ({0}); check it for typing mistakes", ServerWords(refused)],
        SmtpCommandException { ErrorCode: SmtpErrorCode.SenderNotAccepted } refused =>
            T["the mail server refused the app's sender address, Email:From ({0})", ServerWords(refused)],
        SmtpCommandException refused => T["the mail server refused the mail ({0})", ServerWords(refused)],
        AuthenticationException => T["the mail server refused the app's sign-in (Email:Username and Email:Password)"],
        SslHandshakeException => T["no secure connection could be made to the mail server (Email:Security)"],
        SmtpProtocolException or ServiceNotConnectedException or SocketException or IOException => T["the mail server could not be reached"],
        _ => T["something unexpected went wrong (the server's log has the details)"],
    };

    // The server's own reply, such as "550 mailbox unavailable", is what a mail administrator would ask for.
    private static string ServerWords(SmtpCommandException refused) => $"{(int)refused.StatusCode} {refused.Message.Trim()}";
}
