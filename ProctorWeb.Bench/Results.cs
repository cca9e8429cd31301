using System.Text.Json.Serialization;

namespace ProctorWeb.Bench;

public sealed class Results
{
    public JoinResult? Join { get; set; }
    public MemoryResult? Memory { get; set; }
    public List<RelayResult> Relay { get; set; } = [];
    public string? Error { get; set; }

    [JsonIgnore]
    public bool AllRan => Error is null && Join is not null && Memory is not null && Relay.Count > 0;
}

public sealed record JoinResult(int Attempted, int Succeeded, int Failed, double Seconds, double JoinsPerSecond, int Concurrency, Dictionary<string, int> Errors,
    LatencyStats? Connect, LatencyStats? JoinAsStudent, LatencyStats? Ready)
{
    [JsonIgnore]
    public List<HubClient> Students { get; init; } = [];
}

public sealed record MemoryResult(int Students, MemoryReading Before, MemoryReading After)
{
    public double WorkingSetPerStudentKb => (After.WorkingSetBytes - Before.WorkingSetBytes) / 1024.0 / Students;
    public double GcHeapPerStudentKb => (After.GcLiveBytes - Before.GcLiveBytes) / 1024.0 / Students;
}

public sealed record RelayResult(int Students, string Size, int FrameBytes, LatencyStats Hub, LatencyStats Echo, double HubPerSecond, double EchoPerSecond);

public sealed record LatencyStats(int Count, double MeanMs, double P50Ms, double P90Ms, double P99Ms, double MaxMs)
{
    public static LatencyStats Of(double[] samples)
    {
        var sorted = samples.Order().ToArray();
        double At(double q) => sorted[(int)Math.Ceiling(q * sorted.Length) - 1];
        return new LatencyStats(sorted.Length, sorted.Average(), At(0.50), At(0.90), At(0.99), sorted[^1]);
    }
}

/// <summary>Signaling messages of the two sizes a browser sends most: an ICE candidate (~1 KB) and an SDP offer (~2 KB).</summary>
public sealed record MessageSize(string Name, string Type, int Length)
{
    public static readonly MessageSize[] All = [new("candidate ~1 KB", "candidate", 1000), new("offer ~2 KB", "offer", 2000)];

    /// <summary>A Signal invocation without an id (no completion), carrying its sequence number at the start of the text.</summary>
    public byte[] Frame(string to, int sequence)
    {
        var text = $"seq={sequence};";
        text += new string('a', Length - text.Length);
        object message = Type == "offer"
            ? new { type = "offer", sdp = text }
            : new { type = "candidate", candidate = text, sdpMid = "0", sdpMLineIndex = 0, usernameFragment = "bench" };
        return HubClient.Frame("Signal", [to, message]);
    }

    public int FrameBytes(string to) => Frame(to, 0).Length;
}
