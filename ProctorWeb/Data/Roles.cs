namespace ProctorWeb.Data;

public static class Roles
{
    /// <summary>Invites teachers, promotes them, takes roles and access away. Not a proctor of others' exams.</summary>
    public const string Admin = "Admin";
    public const string Teacher = "Teacher";
    /// <summary>A plain account: calls with other signed-in people. Students sit exams by invitation, with no account.</summary>
    public const string Student = "Student";

    public static readonly IReadOnlyList<string> All = [Admin, Teacher, Student];
}
