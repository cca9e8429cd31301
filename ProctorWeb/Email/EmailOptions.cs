using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace ProctorWeb.Email;

/// <summary>How the app sends mail: through an SMTP server when <see cref="Host"/> is set, else into a folder.</summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "Email";

    /// <summary>The SMTP server; empty means no server, and each mail is written to <see cref="PickupFolder"/> instead.</summary>
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public EmailSecurity Security { get; set; } = EmailSecurity.StartTls;

    /// <summary>Empty for a server that takes mail without signing in (a local relay).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    [Required]
    public string From { get; set; } = "ProctorWeb <noreply@localhost>";

    /// <summary>Where mails go without a server, as .eml files; relative to the content root, as the database is.</summary>
    [Required]
    public string PickupFolder { get; set; } = "data/mail";

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult($"Email:From \"{From}\" is not an email address (write \"Name <address@example.org>\" or just the address).", [nameof(From)]);
        }
        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Email:Username and Email:Password go together: set both to sign in to the SMTP server, or neither.", [nameof(Username)]);
        }
        if (!Enum.IsDefined(Security))
        {
            yield return new ValidationResult("Email:Security must be None, StartTls or SslOnConnect.", [nameof(Security)]);
        }
    }
}

/// <summary>How the connection to the SMTP server is protected.</summary>
public enum EmailSecurity
{
    /// <summary>Plain text; only for a relay on the same machine or network.</summary>
    None,
    /// <summary>Connect in plain text, then upgrade; refused when the server does not offer STARTTLS (usually port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}
