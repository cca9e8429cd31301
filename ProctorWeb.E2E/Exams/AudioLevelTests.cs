using System.Text.Json;
using ProctorWeb.E2E.Support;
using Xunit.Abstractions;

namespace ProctorWeb.E2E.Exams;

/// <summary>The microphone level behind both the device check's meter and the voice flag, in real Chromium.</summary>
public class AudioLevelTests(ITestOutputHelper output) : BrowserTest(output)
{
    [Fact]
    public async Task TheLevelIsTheRootMeanSquareOfTheSamples()
    {
        var result = await RunWithModuleAsync<JsonElement>("audioLevel.js", """
            return {
                silence: m.rms(new Float32Array(100)),
                tone: m.rms(Float32Array.from({ length: 1000 }, (_, i) => 0.5 * Math.sin(i / 5))),
            };
            """);
        Assert.Equal(0, result.GetProperty("silence").GetDouble(), 3);
        Assert.Equal(0.5 / Math.Sqrt(2), result.GetProperty("tone").GetDouble(), 2);
    }

    [Fact]
    public async Task ASpeakingMicrophoneIsHeardAndTheMeasurementLetsGoOfItWhenStopped()
    {
        var result = await RunWithModuleAsync<JsonElement>("audioLevel.js", """
            const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
            const [track] = stream.getAudioTracks();
            const level = m.measureAudioLevel(track, { latencyHint: 'playback' });
            let loudest = 0;
            for (const end = performance.now() + 3000; performance.now() < end;) {
                await new Promise(resolve => setTimeout(resolve, 100));
                loudest = Math.max(loudest, level.read());
            }
            level.stop();
            const live = track.readyState;
            track.stop();
            return { loudest, live };
            """, speaking: true);
        // Speech-like sound peaking at 0.6; the browser's audio processing changes it some, but its loudest
        // moments are heard above the voice flag's default level (0.05) and below a full-scale sine.
        Assert.InRange(result.GetProperty("loudest").GetDouble(), 0.05, 0.71);
        // Stopping the measurement closes its audio context, never the microphone the page still uses.
        Assert.Equal("live", result.GetProperty("live").GetString());
    }
}
