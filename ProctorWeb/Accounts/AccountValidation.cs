namespace ProctorWeb.Accounts;

/// <summary>
/// The validation messages of the account and admin forms, spelled out so they are looked up in the resource files
/// (a bare [Required] would give ASP.NET's built-in English in every language). The English is what ASP.NET said
/// before, word for word; {0} is the field's display name, {1} the longest and {2} the shortest length allowed.
/// </summary>
public static class AccountValidation
{
    public const string Required = "The {0} field is required.";
    public const string EmailAddress = "The {0} field is not a valid e-mail address.";
    public const string MaximumLength = "The field {0} must be a string with a maximum length of {1}.";
    public const string LengthBetween = "The field {0} must be a string with a minimum length of {2} and a maximum length of {1}.";
    public const string PasswordsDiffer = "The two passwords do not match.";
}
