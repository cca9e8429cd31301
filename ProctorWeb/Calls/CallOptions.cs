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
}
