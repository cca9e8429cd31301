using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using MimeKit;
using ProctorWeb.Data;
using ProctorWeb.Email;

namespace ProctorWeb.Accounts;

/// <summary>The mails an account gets: confirm the address, someone tried to register it, reset, password changed.</summary>
public sealed class AccountMails(UserManager<AppUser> users, PublicLinks links, IMailer mailer)
{
    public async Task SendConfirmationAsync(AppUser user)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = links.Page("/Account/ConfirmEmail", new { userId = user.Id, code });
        await SendAsync(user, "Confirm your email address for ProctorWeb", $"""
            Hello {user.DisplayName},

            Open this link to confirm that this address is yours and finish creating your ProctorWeb account:

            {link}

            The link works for a day. If you did not create an account, ignore this mail: nothing happens without the link.
            """);
    }

    /// <summary>For the owner of an address someone registered again: the page said the same as for a new address.</summary>
    public async Task SendAlreadyRegisteredAsync(AppUser user)
    {
        await SendAsync(user, "Someone tried to register your address at ProctorWeb", $"""
            Hello {user.DisplayName},

            Someone tried to create a ProctorWeb account with this address, which already has one. No new account was made.

            If it was you, sign in here: {links.Page("/Account/Login")}
            Forgot your password? Choose a new one here: {links.Page("/Account/ForgotPassword")}

            If it was not you, you need not do anything.
            """);
    }

    /// <summary>The purpose of a teacher's invitation token: one link that sets the password and confirms the address.</summary>
    public const string InvitationPurpose = "TeacherInvitation";

    public async Task SendTeacherInvitationAsync(AppUser user, string invitedBy)
    {
        var code = Encode(await users.GenerateUserTokenAsync(user, TokenOptions.DefaultProvider, InvitationPurpose));
        var link = links.Page("/Account/AcceptInvitation", new { userId = user.Id, code });
        await SendAsync(user, "You are invited to teach on ProctorWeb", $"""
            Hello {user.DisplayName},

            {invitedBy} made you a ProctorWeb teacher account. Open this link to choose your password; it also confirms this address:

            {link}

            The link works once, for a day. If it has expired, ask {invitedBy} to send it again. If you did not expect this, ignore this mail.
            """);
    }

    /// <summary>For an existing account an admin made a teacher: nothing to set, just news.</summary>
    public async Task SendNowATeacherAsync(AppUser user, string invitedBy)
    {
        await SendAsync(user, "You can now schedule exams on ProctorWeb", $"""
            Hello {user.DisplayName},

            {invitedBy} made your ProctorWeb account a teacher's. Sign in to schedule exams: {links.Page("/Account/Login")}
            """);
    }

    public async Task SendPasswordResetAsync(AppUser user)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = links.Page("/Account/ResetPassword", new { userId = user.Id, code });
        await SendAsync(user, "Choose a new ProctorWeb password", $"""
            Hello {user.DisplayName},

            Open this link to choose a new password for your ProctorWeb account:

            {link}

            The link works once, for {PasswordResetTokenOptions.Lifespan.TotalMinutes:0} minutes. If you did not ask for it, ignore this mail: your password stays as it is.
            """);
    }

    public async Task SendPasswordChangedAsync(AppUser user)
    {
        await SendAsync(user, "Your ProctorWeb password was changed", $"""
            Hello {user.DisplayName},

            The password of your ProctorWeb account was just changed. If that was you, there is nothing to do.

            If it was not, choose a new password at once: {links.Page("/Account/ForgotPassword")}
            """);
    }

    /// <summary>Sent to the address of an account just deleted, so a deletion by someone with a stolen session is noticed.</summary>
    public async Task SendAccountDeletedAsync(AppUser user, int deletedExams)
    {
        await SendAsync(user, "Your ProctorWeb account was deleted", $"""
            Hello {user.DisplayName},

            Your ProctorWeb account was deleted{(deletedExams > 0 ? $", with the {deletedExams} exam{(deletedExams == 1 ? "" : "s")} it owned" : "")}. Notes and messages you wrote in other teachers' exams stay on those students' records, signed "a former proctor"; the site's audit log keeps an entry saying the account was deleted.

            If you did not do this, tell your school's ProctorWeb administrator at once.
            """);
    }

    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token from a link, or null when the link was cut or edited.</summary>
    public static string? Decode(string? code)
    {
        try
        {
            return code is null ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private Task SendAsync(AppUser user, string subject, string text)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
        message.To.Add(new MailboxAddress(user.DisplayName, user.Email ?? throw new InvalidOperationException("The account has no email address.")));
        return mailer.SendAsync(message);
    }
}
