namespace ProctorWeb.Exams;

/// <summary>Notices the server itself puts on a proctor's tile (the page reports others, such as face-check problems).</summary>
/// <remarks>Sent in English to every proctor watching, whatever their language: the monitor shows t(notice), so each
/// text here must also be in LiveClientText.</remarks>
public static class StudentNotices
{
    /// <summary>The student's link opened in another tab or on another device, which took the exam over.</summary>
    public const string MovedToAnotherTab = "Moved to another tab or device";

    /// <summary>The exam asks for fullscreen but the student's browser has no Fullscreen API (iPhone Safari): exempt.</summary>
    public const string FullscreenUnavailable = "No fullscreen on this device: leaving it is not flagged";
}
