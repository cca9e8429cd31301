using System.ComponentModel.DataAnnotations;

namespace ProctorWeb.Calls;

public sealed class CallOptions
{
    public const string Section = "Calls";

    /// <summary>How long a call rings before both sides see it as missed.</summary>
    [Range(1, 300)]
    public int RingTimeoutSeconds { get; set; } = 30;

    /// <summary>How long a call waits for a party whose connection dropped to come back before it ends.</summary>
    [Range(1, 300)]
    public int ReconnectGraceSeconds { get; set; } = 15;

    /// <summary>Unanswered rings one person may send another within <see cref="RingLimitMinutes"/>; an accepted call forgives them.</summary>
    [Range(1, 1000)]
    public int MaxRingsToOnePerson { get; set; } = 5;

    /// <summary>The window of that limit: the rings come back evenly over it.</summary>
    [Range(1, 24 * 60)]
    public int RingLimitMinutes { get; set; } = 10;
}
