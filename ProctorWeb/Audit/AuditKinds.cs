namespace ProctorWeb.Audit;

/// <summary>
/// The kinds of audit entries, as stored; the admins' page filters by them. The page shows each kind by its stored
/// name in English and translates it with that name as the key (AccountText), so every kind needs its translation there.
/// </summary>
public static class AuditKinds
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string SignOut = "sign-out";
    public const string PasswordReset = "password-reset";
    public const string PasswordChanged = "password-changed";
    public const string EmailConfirmed = "email-confirmed";
    public const string RoleChanged = "role-changed";
    public const string Invitation = "invitation";
    public const string TwoFactorEnabled = "two-factor-on";
    public const string TwoFactorDisabled = "two-factor-off";
    public const string ExamDeleted = "exam-deleted";
    public const string StudentDataDeleted = "student-data-deleted";
    public const string AccountDeleted = "account-deleted";
    /// <summary>An exam's owner mailed students their links; the detail counts sent and failed mails.</summary>
    public const string LinksEmailed = "links-emailed";

    public static readonly IReadOnlyList<string> All =
    [
        SignIn, SignInFailed, LockedOut, SignOut, PasswordReset, PasswordChanged, EmailConfirmed, RoleChanged, Invitation,
        TwoFactorEnabled, TwoFactorDisabled, ExamDeleted, StudentDataDeleted, AccountDeleted, LinksEmailed,
    ];

    public static string User(string id) => $"user:{id}";

    public static string Exam(int id) => $"exam:{id}";

    /// <summary>A failed sign-in with an address that has no account: the typed address is not kept (it may be anyone's).</summary>
    public const string UnknownAccount = "unknown account";
}
