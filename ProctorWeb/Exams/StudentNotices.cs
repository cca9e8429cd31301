namespace ProctorWeb.Exams;

/// <summary>Notices the server itself puts on a proctor's tile (the page reports others, such as face-check problems).</summary>
public static class StudentNotices
{
    /// <summary>The student's link opened in another tab or on another device, which took the exam over.</summary>
    public const string MovedToAnotherTab = "Moved to another tab or device";
}
