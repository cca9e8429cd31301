namespace ProctorWeb.Bench;

// What relay/driver.mjs reports (its JSON, camelCase), and the medians the report is made of.

/// <summary>Nearest-rank percentiles of one set of samples, in milliseconds.</summary>
public sealed record DriverStats(int Count, double P50, double P90, double P99, double Max);

/// <summary>Students joining, <see cref="Concurrency"/> at a time: connect, then the page's first calls.</summary>
public sealed record JoinRun(int Attempted, int Joined, int Failed, double Seconds, double PerSecond, int Concurrency, Dictionary<string, int> Errors,
    DriverStats? ConnectMs, DriverStats? JoinMs, DriverStats? ReadyMs, double? ServerCpuShareOfCore, double ClientCpuShareOfCore);

/// <summary>Server CPU while everyone is connected and silent (the heartbeat's cost).</summary>
public sealed record IdleRun(double Seconds, int Connected, double ServerCpuShareOfCore, double ServerCpuMicrosPerStudentSecond);

/// <summary>A steady total rate shared by every student: latency from the send call to the proctor's handler.</summary>
public sealed record PacedRun(double Rate, double Seconds, int Sent, int Received, DriverStats? LatencyMs, double ServerCpuShareOfCore, double ServerCpuMicrosPerMessage, double ClientCpuShareOfCore);

/// <summary>Every student with one message on its way at all times: the most the relay sustains.</summary>
public sealed record ClosedLoopRun(double Seconds, int Messages, double PerSecond, double ServerCpuShareOfCore, double ServerCpuMicrosPerMessage, double ClientCpuShareOfCore);

public sealed record ScaleRun(int Students, double? QuietAfterMs, IdleRun Idle, PacedRun Paced, ClosedLoopRun ClosedLoop, int Refused);

public sealed record MemoryPair(int Students, MemoryReading Before, MemoryReading After)
{
    public double WorkingSetPerStudentKb => (After.WorkingSetBytes - Before.WorkingSetBytes) / 1024.0 / Students;
    public double GcHeapPerStudentKb => (After.GcLiveBytes - Before.GcLiveBytes) / 1024.0 / Students;
}

/// <summary>One relay (hub or socket.io) in one repeat: its join burst, then each scale.</summary>
public sealed record SystemRun(int Repeat, string System, JoinRun Join, List<ScaleRun> Scales, MemoryPair? Memory);

public sealed record RelayComparison(List<SystemRun> Runs, IdleRun SocketIoIdleAtTwoSecondPings)
{
    public const string Hub = "hub";
    public const string SocketIo = "socket.io";

    public IEnumerable<int> Scales => Runs.SelectMany(r => r.Scales).Select(s => s.Students).Distinct().OrderDescending();

    public List<ScaleRun> At(string system, int students) => [.. Runs.Where(r => r.System == system).SelectMany(r => r.Scales).Where(s => s.Students == students)];

    public double MedianOf(string system, int students, Func<ScaleRun, double> figure) => Median.Of(At(system, students).Select(figure));

    public List<JoinRun> Joins(string system) => [.. Runs.Where(r => r.System == system).Select(r => r.Join)];
}

/// <summary>Every student reconnects at once after the server was killed and started again.</summary>
public sealed record StormRun(int Students, JoinRun Join, double? QuietAfterMs, IdleRun Idle, bool AllRejoined, int Rejoined, double? AllRejoinedMs, DriverStats? RejoinMs,
    int ReconnectAttempts, int DroppedWarnings)
{
    /// <summary>From the kill to the new process answering (measured by the benchmark, not the driver).</summary>
    public double RestartMs { get; init; }
}
