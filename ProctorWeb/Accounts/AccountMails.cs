using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using MimeKit;
using ProctorWeb.Data;
using ProctorWeb.Email;
using ProctorWeb.Text;

namespace ProctorWeb.Accounts;

/// <summary>
/// The mails an account gets: confirm the address, someone tried to register it, reset, password changed. Each is written
/// in the language of the request that sends it.
/// </summary>
public sealed class AccountMails(UserManager<AppUser> users, PublicLinks links, IMailer mailer, IStringLocalizer<AccountText> T)
{
    public async Task SendConfirmationAsync(AppUser user)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = links.Page("/Account/ConfirmEmail", new { userId = user.Id, code });
        await SendAsync(user, T["Confirm your email address for ProctorWeb"],
            T["Open this link to confirm that this address is yours and finish creating your ProctorWeb account:"],
            link,
            T["The link works for a day. If you did not create an account, ignore this mail: nothing happens without the link."]);
    }

    /// <summary>For the owner of an address someone registered again: the page said the same as for a new address.</summary>
    public async Task SendAlreadyRegisteredAsync(AppUser user)
    {
        await SendAsync(user, T["Someone tried to register your address at ProctorWeb"],
            T["Someone tried to create a ProctorWeb account with this address, which already has one. No new account was made."],
            T["If it was you, sign in here: {0}", links.Page("/Account/Login")] + "\n"
                + T["Forgot your password? Choose a new one here: {0}", links.Page("/Account/ForgotPassword")],
            T["If it was not you, you need not do anything."]);
    }

    /// <summary>The purpose of a teacher's invitation token: one link that sets the password and confirms the address.</summary>
    public const string InvitationPurpose = "TeacherInvitation";

    public async Task SendTeacherInvitationAsync(AppUser user, string invitedBy)
    {
        var code = Encode(await users.GenerateUserTokenAsync(user, TokenOptions.DefaultProvider, InvitationPurpose));
        var link = links.Page("/Account/AcceptInvitation", new { userId = user.Id, code });
        await SendAsync(user, T["You are invited to teach on ProctorWeb"],
            T["{0} made you a ProctorWeb teacher account. Open this link to choose your password; it also confirms this address:", invitedBy],
            link,
            T["The link works once, for a day. If it has expired, ask {0} to send it again. If you did not expect this, ignore this mail.", invitedBy]);
    }

    /// <summary>For an existing account an admin made a teacher: nothing to set, just news.</summary>
    public async Task SendNowATeacherAsync(AppUser user, string invitedBy)
    {
        await SendAsync(user, T["You can now schedule exams on ProctorWeb"],
            T["{0} made your ProctorWeb account a teacher's. Sign in to schedule exams: {1}", invitedBy, links.Page("/Account/Login")]);
    }

    public async Task SendPasswordResetAsync(AppUser user)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = links.Page("/Account/ResetPassword", new { userId = user.Id, code });
        await SendAsync(user, T["Choose a new ProctorWeb password"],
            T["Open this link to choose a new password for your ProctorWeb account:"],
            link,
            T["The link works once, for {0} minutes. If you did not ask for it, ignore this mail: your password stays as it is.",
                PasswordResetTokenOptions.Lifespan.TotalMinutes.ToString("0", CultureInfo.CurrentCulture)]);
    }

    public async Task SendPasswordChangedAsync(AppUser user)
    {
        await SendAsync(user, T["Your ProctorWeb password was changed"],
            T["The password of your ProctorWeb account was just changed. If that was you, there is nothing to do."],
            T["If it was not, choose a new password at once: {0}", links.Page("/Account/ForgotPassword")]);
    }

    /// <summary>Sent to the address of an account just deleted, so a deletion by someone with a stolen session is noticed.</summary>
    public async Task SendAccountDeletedAsync(AppUser user, int deletedExams)
    {
        await SendAsync(user, T["Your ProctorWeb account was deleted"],
            deletedExams switch
            {
                0 => T["Your ProctorWeb account was deleted. Notes and messages you wrote in other teachers' exams stay on those students' records, signed \"a former proctor\"; the site's audit log keeps an entry saying the account was deleted."],
                1 => T["Your ProctorWeb account was deleted, with the 1 exam it owned. Notes and messages you wrote in other teachers' exams stay on those students' records, signed \"a former proctor\"; the site's audit log keeps an entry saying the account was deleted."],
                _ => T["Your ProctorWeb account was deleted, with the {0} exams it owned. Notes and messages you wrote in other teachers' exams stay on those students' records, signed \"a former proctor\"; the site's audit log keeps an entry saying the account was deleted.", deletedExams],
            },
            T["If you did not do this, tell your school's ProctorWeb administrator at once."]);
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

    /// <summary>A mail in the current request's language: a greeting, then the paragraphs, a blank line between each.</summary>
    private Task SendAsync(AppUser user, string subject, params string[] paragraphs)
    {
        var text = string.Join("\n\n", [T["Hello {0},", user.DisplayName].Value, .. paragraphs]);
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
        message.To.Add(new MailboxAddress(user.DisplayName, user.Email ?? throw new InvalidOperationException("The account has no email address.")));
        return mailer.SendAsync(message);
    }
}
