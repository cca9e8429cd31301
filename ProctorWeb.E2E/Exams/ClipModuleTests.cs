using System.Text.Json;
using ProctorWeb.E2E.Support;
using Xunit.Abstractions;

namespace ProctorWeb.E2E.Exams;

/// <summary>The clip recorder and uploader in real Chromium: what is kept in memory, and how an upload resumes.</summary>
public class ClipModuleTests(ITestOutputHelper output) : BrowserTest(output)
{
    [Fact]
    public async Task TheRecorderKeepsOnlyTheRecentSecondsAndAClaimHoldsTheSecondsBeforeAndAfterItsMoment()
    {
        var result = await RunWithModuleAsync<JsonElement>("clipRecorder.js", """
            const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
            const recorder = m.createClipRecorder({ stream, secondsBefore: 1, secondsAfter: 1, stepSeconds: 1, lateSeconds: 0, tickMs: 100 });
            let most = 0;
            const watch = setInterval(() => { most = Math.max(most, recorder.running()); }, 50);
            await new Promise(resolve => setTimeout(resolve, 3500));
            const at = Date.now();
            const clip = await recorder.claim(at);
            const afterClaim = recorder.running();
            recorder.stop();
            await new Promise(resolve => setTimeout(resolve, 300));
            clearInterval(watch);
            const video = document.createElement('video');
            video.muted = true;
            video.src = URL.createObjectURL(clip.blob);
            const { learnDuration } = await import('/js/clipPlayer.js');
            const duration = await learnDuration(video);
            const stillRunning = recorder.running();
            stream.getTracks().forEach(t => t.stop());
            return {
                most, afterClaim, stillRunning, duration, type: clip.blob.type, bytes: clip.blob.size,
                before: at - clip.startedAtMs, after: clip.endedAtMs - at,
            };
            """);
        Output.WriteLine(result.ToString());
        // Recorders of ages 0, 1 and 2 s, and one being replaced: never the whole exam.
        Assert.InRange(result.GetProperty("most").GetInt32(), 2, 4);
        Assert.InRange(result.GetProperty("before").GetDouble(), 1000, 2300);
        Assert.InRange(result.GetProperty("after").GetDouble(), 900, 1300);
        Assert.InRange(result.GetProperty("duration").GetDouble(), 1.8, 3.8);
        Assert.StartsWith("video/webm", result.GetProperty("type").GetString());
        Assert.True(result.GetProperty("bytes").GetInt32() > 1000);
        Assert.Equal(0, result.GetProperty("stillRunning").GetInt32());
    }

    [Fact]
    public async Task FlagsMomentsApartShareOneClipPerSourceAndAScreenSharedAgainBetweenThemGetsItsOwn()
    {
        var result = await RunWithModuleAsync<JsonElement>("evidence.js", """
            const starts = [];
            const fetchImpl = async (url, init) => {
                if (typeof init.body === 'string') starts.push(JSON.parse(init.body));
                return new Response(JSON.stringify({ clipId: starts.length, receivedBytes: 0, complete: true }), { status: 200, headers: { 'Content-Type': 'application/json' } });
            };
            const camera = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
            const canvas = document.createElement('canvas');
            const paint = setInterval(() => canvas.getContext('2d').fillRect(Math.random() * 100, 0, 10, 10), 50);
            const screen = canvas.captureStream(10).getVideoTracks()[0];
            const evidence = m.createEvidence({
                settings: { url: '/Join/Clips', chunkBytes: 1_000_000, secondsBefore: 1, secondsAfter: 1, recorderStepSeconds: 1 },
                token: 'T', serverNow: Date.now, flagStored: async () => {}, fetchImpl,
            });
            evidence.camera(camera);
            await new Promise(resolve => setTimeout(resolve, 1500));
            // The screen is not shared at the first flag; shared again a moment later, before the second.
            evidence.flagRaised('stopped-sharing', Date.now());
            evidence.screen(screen);
            await new Promise(resolve => setTimeout(resolve, 1200));
            evidence.flagRaised('paste', Date.now());
            // And a third flag at the same moment as the second: nothing new to record.
            evidence.flagRaised('copy', Date.now() + 100);
            while (evidence.pending() > 0) await new Promise(resolve => setTimeout(resolve, 100));
            evidence.stop();
            clearInterval(paint);
            camera.getTracks().forEach(t => t.stop());
            screen.stop();
            return starts.map(s => `${s.flagClientId} ${s.source}`).sort();
            """);
        Output.WriteLine(result.ToString());
        Assert.Equal(["paste screen", "stopped-sharing camera"], result.EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task AnUploadGoesOnFromWhereTheServerSaysAfterLostRequestsAndErrorsAndStopsAtARefusal()
    {
        var result = await RunWithModuleAsync<JsonElement>("clipUploader.js", """
            const sent = [];
            const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
            // What the server (or the network) answers, request by request.
            const answers = [
                () => json(200, { clipId: 7, receivedBytes: 0, totalBytes: 10, complete: false }),
                () => { throw new TypeError('Failed to fetch'); },                                   // lost on the way
                () => json(200, { clipId: 7, receivedBytes: 4, totalBytes: 10, complete: false }),
                () => json(503, { error: 'restarting' }),
                () => json(409, { error: 'Bytes are missing', receivedBytes: 8 }),                   // the server has more than the page thought
                () => json(200, { clipId: 7, receivedBytes: 10, totalBytes: 10, complete: true }),
                () => json(409, { error: 'This exam keeps at most 1 clips per student', code: 'quota-reached', receivedBytes: null }),
            ];
            const fetchImpl = async (url, init) => {
                sent.push({ url, size: typeof init.body === 'string' ? -1 : init.body.size, token: init.headers.RequestVerificationToken });
                return answers.shift()();
            };
            const refusals = [];
            const uploader = m.createClipUploader({
                url: '/Join/Clips', token: 'T', chunkBytes: 4, fetchImpl, pause: async () => {},
                onRefused: (words, code) => refusals.push({ words, code }),
            });
            const clip = reason => ({ blob: new Blob(['0123456789']), mimeType: 'video/webm', startedAtMs: 0, endedAtMs: 20000, reason });
            const first = await uploader.upload(clip({ flagClientId: 'a' }));
            const second = await uploader.upload(clip({ flagClientId: 'b' }));
            return { first, second, sent, refusals };
            """);
        Output.WriteLine(result.ToString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("first").ValueKind);
        var sent = result.GetProperty("sent").EnumerateArray().Select(r => $"{r.GetProperty("url").GetString()} {r.GetProperty("size").GetInt32()} {r.GetProperty("token").GetString()}").ToList();
        Assert.Equal(
        [
            "/Join/Clips -1 T",
            "/Join/Clips?handler=Chunk&clipId=7&offset=0 4 T",
            "/Join/Clips?handler=Chunk&clipId=7&offset=0 4 T",
            "/Join/Clips?handler=Chunk&clipId=7&offset=4 4 T",
            "/Join/Clips?handler=Chunk&clipId=7&offset=4 4 T",
            "/Join/Clips?handler=Chunk&clipId=7&offset=8 2 T",
            "/Join/Clips -1 T",
        ], sent);
        Assert.Contains("at most 1 clips", result.GetProperty("second").GetString());
        var refusal = Assert.Single(result.GetProperty("refusals").EnumerateArray());
        Assert.Equal("quota-reached", refusal.GetProperty("code").GetString());
    }
}
