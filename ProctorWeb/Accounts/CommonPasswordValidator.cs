using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using ProctorWeb.Data;
using ProctorWeb.Text;

namespace ProctorWeb.Accounts;

/// <summary>
/// Length is what makes a password hard to guess, so the rules are only these (NIST SP 800-63B): at least
/// <see cref="MinimumLength"/> characters, any characters at all, and none of the passwords attackers try first.
/// </summary>
public sealed class CommonPasswordValidator(IStringLocalizer<AccountText> T) : IPasswordValidator<AppUser>
{
    public const int MinimumLength = 12;
    // The English texts below are also the keys of their translations (AccountText): pages show T[Rules] and so on.
    /// <summary>Shown beside every new-password field before anyone types, so nobody learns the rules from a refusal.</summary>
    public const string Rules = "At least 12 characters, any characters you like: a few unrelated words make one that is easy to remember. The most common passwords are refused.";
    public const string TooShort = "The password must be at least 12 characters long. A few unrelated words make one that is easy to remember.";
    public const string TooCommon = "That password is one of the most common ones, which attackers try first. Choose another: a few unrelated words make one that is easy to remember.";

    // Shorter entries ("love", "1234") padded to length would refuse too much that is not common at all.
    private const int ShortestPaddedWord = 6;

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(IsCommon(password ?? "")
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordTooCommon", Description = T[TooCommon] })
            : IdentityResult.Success);

    /// <summary>
    /// One of the commonest passwords (in any case), one of them with only digits or symbols before or after it
    /// ("password1234", "!!dragon2024!!"), or one character over and over.
    /// </summary>
    public static bool IsCommon(string password)
    {
        var lower = password.ToLowerInvariant();
        if (lower.Length == 0 || Common.Value.Contains(lower) || lower.All(c => c == lower[0]))
        {
            return true;
        }
        var core = lower.Trim(NotLetters(lower));
        if (core.Length >= ShortestPaddedWord && Common.Value.Contains(core))
        {
            return true;
        }
        for (var cut = ShortestPaddedWord; cut < lower.Length; cut++)
        {
            if ((Padding(lower.AsSpan(cut)) && Common.Value.Contains(lower[..cut]))
                || (Padding(lower.AsSpan(0, lower.Length - cut)) && Common.Value.Contains(lower[^cut..])))
            {
                return true;
            }
        }
        return false;
    }

    private static char[] NotLetters(string text) => text.Where(c => !char.IsLetter(c)).Distinct().ToArray();

    private static bool Padding(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                return false;
            }
        }
        return true;
    }

    // Shipped inside the assembly, so no deployment can lose it; see the file's header for where it comes from.
    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("ProctorWeb.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is missing from the build.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                words.Add(line.Trim().ToLowerInvariant());
            }
        }
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
