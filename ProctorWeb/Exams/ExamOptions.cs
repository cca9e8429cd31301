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

    /// <summary>Most students one exam's roster may hold (removed students do not count).</summary>
    [Range(1, 1_000_000)]
    public int MaxStudentsPerExam { get; set; } = 1000;

    /// <summary>New flags one student may raise at once in an exam; more come back at <see cref="FlagsPerMinute"/>.</summary>
    [Range(1, 100_000)]
    public int FlagBurst { get; set; } = 60;

    /// <summary>How fast a student's spent flag budget comes back; reconnecting does not refill it.</summary>
    [Range(1, 100_000)]
    public int FlagsPerMinute { get; set; } = 12;

    /// <summary>Messages and raised hands one student may send at once; more come back at <see cref="StudentMessagesPerMinute"/>.</summary>
    [Range(1, 10_000)]
    public int StudentMessageBurst { get; set; } = 10;

    /// <summary>How fast a student's spent message budget comes back; reconnecting does not refill it.</summary>
    [Range(1, 10_000)]
    public int StudentMessagesPerMinute { get; set; } = 6;

    /// <summary>
    /// The key that turns an invitation's stored nonce into its link, as base64 (a secret: from the environment or a
    /// secret store). When empty the key is read from <see cref="InvitationKeyFile"/>.
    /// </summary>
    public string? InvitationKey { get; set; }

    /// <summary>The key's file when <see cref="InvitationKey"/> is empty; created on first start if missing, except in cluster mode.</summary>
    [Required]
    public string InvitationKeyFile { get; set; } = "invitation.key";
}
