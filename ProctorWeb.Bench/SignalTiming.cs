using System.Diagnostics;
using System.Text.Json;

namespace ProctorWeb.Bench;

/// <summary>
/// Candidate-sized `Signal`s from one student to its proctor over the bench's raw hub clients, one at a time and back
/// to back: scenario 9 compares one node with two behind nginx this way (the same frames on both sides).
/// </summary>
public static class SignalTiming
{
    public sealed record RelayPath(HubClient From, HubClient To, string ProctorId);

    /// <summary>One message at a time: the time from handing the frame to the socket until the receiver read it.</summary>
    public static async Task<LatencyStats> LatencyAsync(RelayPath path, MessageSize size, int count)
    {
        var frames = Enumerable.Range(0, count).Select(i => size.Frame(path.ProctorId, i)).ToArray();
        var samples = new double[count];
        TaskCompletionSource<long>? arrival = null;
        var expected = -1;
        path.To.Received = (target, arguments, at) =>
        {
            if (target == "Signal" && SequenceOf(arguments) == Volatile.Read(ref expected))
            {
                arrival?.TrySetResult(at);
            }
        };
        for (var i = 0; i < count; i++)
        {
            arrival = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref expected, i);
            var sent = Stopwatch.GetTimestamp();
            await path.From.SendRawAsync(frames[i]);
            var received = await arrival.Task.WaitAsync(TimeSpan.FromSeconds(10));
            samples[i] = Stopwatch.GetElapsedTime(sent, received).TotalMilliseconds;
        }
        path.To.Received = null;
        return LatencyStats.Of(samples);
    }

    /// <summary>As fast as the sender can write: messages received per second, first send to last arrival.</summary>
    public static async Task<double> ThroughputAsync(RelayPath path, MessageSize size, int count)
    {
        var frames = Enumerable.Range(0, count).Select(i => size.Frame(path.ProctorId, i)).ToArray();
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = 0;
        path.To.Received = (target, arguments, at) =>
        {
            if (target == "Signal" && Interlocked.Increment(ref arrived) == count)
            {
                done.TrySetResult(at);
            }
        };
        var start = Stopwatch.GetTimestamp();
        foreach (var frame in frames)
        {
            await path.From.SendRawAsync(frame);
        }
        var last = await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        path.To.Received = null;
        return count / Stopwatch.GetElapsedTime(start, last).TotalSeconds;
    }

    private static int SequenceOf(JsonElement arguments)
    {
        var message = arguments[1];
        var text = (message.TryGetProperty("sdp", out var sdp) && sdp.ValueKind == JsonValueKind.String ? sdp : message.GetProperty("candidate")).GetString()!;
        var end = text.IndexOf(';', StringComparison.Ordinal);
        return int.Parse(text.AsSpan(4, end - 4), System.Globalization.CultureInfo.InvariantCulture);
    }
}
