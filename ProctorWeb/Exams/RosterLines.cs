using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Localization;
using ProctorWeb.Accounts;
using ProctorWeb.Data;

namespace ProctorWeb.Exams;

/// <summary>Reads pasted "name, email" lines, keeping every bad line with the reason it was refused.</summary>
public static class RosterLines
{
    public sealed record Student(string Name, string Email);

    /// <summary>Comma, semicolon and tab, and the full-width comma and semicolon (U+FF0C, U+FF1B) that Chinese and Japanese keyboards type.</summary>
    private static readonly char[] Separators = [',', ';', '\t', '\uFF0C', '\uFF1B'];

    public sealed record Rejected(int LineNumber, string Line, string Reason);

    /// <param name="T">The reasons in the reader's words (ExamText); English without.</param>
    public static (List<Student> Students, List<Rejected> Rejected) Parse(string? text, IStringLocalizer? T = null)
    {
        T ??= Untranslated.Text;
        var students = new List<Student>();
        var rejected = new List<Rejected>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lines = (text ?? "").Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var separator = line.LastIndexOfAny(Separators);
            if (separator < 0)
            {
                rejected.Add(new(i + 1, line, T["needs a name and an email separated by a comma"]));
                continue;
            }
            var name = PersonNames.Clean(line[..separator].Trim().Trim('"'));
            var email = line[(separator + 1)..].Trim().Trim('"', '<', '>');
            if (Check(name, email, T) is { } problem)
            {
                rejected.Add(new(i + 1, line, problem));
            }
            else if (!seen.Add(email))
            {
                rejected.Add(new(i + 1, line, T["repeats an email given on an earlier line"]));
            }
            else
            {
                students.Add(new(name, email));
            }
        }
        return (students, rejected);
    }

    /// <summary>Why a name and email cannot go on a roster, or null when they can.</summary>
    public static string? Check(string name, string email, IStringLocalizer? T = null)
    {
        T ??= Untranslated.Text;
        if (PersonNames.Clean(name).Length == 0)
        {
            return T["has no name"];
        }
        if (name.Length > ExamLimits.NameLength)
        {
            return T["has a name longer than {0} characters", ExamLimits.NameLength];
        }
        if (email.Length == 0 || email.Length > ExamLimits.EmailLength || !new EmailAddressAttribute().IsValid(email) || !email.Contains('.'))
        {
            return T["has an email address that is not valid ('{0}')", email];
        }
        return null;
    }
}
