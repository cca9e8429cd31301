using System.ComponentModel.DataAnnotations;

namespace ProctorWeb.Exams;

public sealed class ExamOptions
{
    public const string Section = "Exams";

    /// <summary>How long before the start a student's link opens the device check and waiting room.</summary>
    [Range(0, 24 * 60)]
    public int OpensMinutesBeforeStart { get; set; } = 30;

    /// <summary>How long a student whose connection dropped shows as reconnecting before the tile says they left.</summary>
    [Range(1, 3600)]
    public int ReconnectGraceSeconds { get; set; } = 60;

    /// <summary>The key that turns an invitation's stored nonce into its link; created on first start if missing.</summary>
    [Required]
    public string InvitationKeyFile { get; set; } = "invitation.key";
}
