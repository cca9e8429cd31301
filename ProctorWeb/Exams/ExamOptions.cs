using System.ComponentModel.DataAnnotations;

namespace ProctorWeb.Exams;

public sealed class ExamOptions
{
    public const string Section = "Exams";

    /// <summary>How long before the start a student's link opens the device check and waiting room.</summary>
    [Range(0, 24 * 60)]
    public int OpensMinutesBeforeStart { get; set; } = 30;

    /// <summary>The key that turns an invitation's stored nonce into its link; created on first start if missing.</summary>
    [Required]
    public string InvitationKeyFile { get; set; } = "invitation.key";
}
