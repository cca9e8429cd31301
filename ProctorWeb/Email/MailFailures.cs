using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace ProctorWeb.Email;

/// <summary>Why a mail was not sent, in words a teacher can act on, for pages that report each mail's fate.</summary>
public static class MailFailures
{
    public static string Describe(Exception error) => error switch
    {
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } refused =>
            $"the mail server refused this address ({ServerWords(refused)}); check it for typing mistakes",
        SmtpCommandException { ErrorCode: SmtpErrorCode.SenderNotAccepted } refused =>
            $"the mail server refused the app's sender address, Email:From ({ServerWords(refused)})",
        SmtpCommandException refused => $"the mail server refused the mail ({ServerWords(refused)})",
        AuthenticationException => "the mail server refused the app's sign-in (Email:Username and Email:Password)",
        SslHandshakeException => "no secure connection could be made to the mail server (Email:Security)",
        SmtpProtocolException or ServiceNotConnectedException or SocketException or IOException => "the mail server could not be reached",
        _ => "something unexpected went wrong (the server's log has the details)",
    };

    // The server's own reply, such as "550 mailbox unavailable", is what a mail administrator would ask for.
    private static string ServerWords(SmtpCommandException refused) => $"{(int)refused.StatusCode} {refused.Message.Trim()}";
}
