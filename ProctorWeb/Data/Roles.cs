namespace ProctorWeb.Data;

public static class Roles
{
    public const string Teacher = "Teacher";
    public const string Student = "Student";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Teacher, Student, Admin];
}
