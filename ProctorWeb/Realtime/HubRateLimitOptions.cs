using System.ComponentModel.DataAnnotations;

namespace ProctorWeb.Realtime;

/// <summary>How many hub calls one connection may make. A browser in a call sends a few per second; trickle ICE bursts a few dozen.</summary>
public sealed class HubRateLimitOptions
{
    public const string Section = "HubRateLimit";

    /// <summary>Calls per second a connection may keep up.</summary>
    [Range(1, 10_000)]
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Calls a connection may make at once after being quiet, such as its ICE candidates when a call starts.</summary>
    [Range(1, 100_000)]
    public int Burst { get; set; } = 200;

    /// <summary>Refused calls (forgiven at the permitted rate) after which the connection is closed.</summary>
    [Range(1, 1_000_000)]
    public int CloseAfterRefusals { get; set; } = 500;

    /// <summary>Open hub connections one person (an account, or a student's invitation) may hold at once, over every hub.</summary>
    [Range(1, 10_000)]
    public int ConnectionsPerUser { get; set; } = 10;
}
