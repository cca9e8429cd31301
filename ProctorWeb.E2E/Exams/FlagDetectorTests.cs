using System.Text.Json;
using ProctorWeb.E2E.Support;
using Xunit.Abstractions;

namespace ProctorWeb.E2E.Exams;

/// <summary>The detectors' arithmetic and debouncing, run in real Chromium on controlled inputs.</summary>
public class FlagDetectorTests(ITestOutputHelper output) : BrowserTest(output)
{
    [Fact]
    public async Task BrightnessAndDifferenceAreMeasuredPerPixel()
    {
        var result = await RunWithModuleAsync<JsonElement>("flagDetectors.js", """
            const frame = (r, g, b, n = 4) => new Uint8ClampedArray(Array.from({ length: n }, () => [r, g, b, 255]).flat());
            return {
                black: m.meanBrightness(frame(0, 0, 0)),
                white: m.meanBrightness(frame(255, 255, 255)),
                red: m.meanBrightness(frame(200, 0, 0)),
                same: m.meanDifference(frame(10, 20, 30), frame(10, 20, 30)),
                changed: m.meanDifference(frame(10, 20, 30), frame(40, 20, 30)),
            };
            """);
        Assert.Equal(0, result.GetProperty("black").GetDouble(), 3);
        Assert.Equal(255, result.GetProperty("white").GetDouble(), 1);
        Assert.Equal(0.299 * 200, result.GetProperty("red").GetDouble(), 1);
        Assert.Equal(0, result.GetProperty("same").GetDouble(), 3);
        Assert.Equal(10, result.GetProperty("changed").GetDouble(), 3);
    }

    [Fact]
    public async Task AConditionBecomesAFlagOnlyAfterTheGraceTimeAndEndsOnlyAfterItToo()
    {
        // A hand-driven clock and timer queue: every step is explicit.
        var events = await RunWithModuleAsync<string[]>("debounce.js", """
            let now = 1000;
            const timers = new Map();
            let next = 1;
            const events = [];
            const condition = m.createDebouncedCondition({
                graceMs: 500,
                onStart: at => events.push(`start@${at}`),
                onEnd: at => events.push(`end@${at}`),
                now: () => now,
                setTimer: (fn, ms) => { const id = next++; timers.set(id, { fn, due: now + ms }); return id; },
                clearTimer: id => timers.delete(id),
            });
            const advance = ms => {
                now += ms;
                for (const [id, t] of [...timers]) if (t.due <= now) { timers.delete(id); t.fn(); }
            };
            condition.set(true); advance(300); condition.set(false); advance(1000);   // a flicker: nothing
            events.push(`flagged=${condition.flagged}`);
            condition.set(true); advance(499); events.push(`flagged=${condition.flagged}`);
            advance(1); events.push(`flagged=${condition.flagged}`);                // grace passed: the flag starts at the condition's start
            condition.set(false); advance(200); condition.set(true); advance(1000);  // a short return does not end it
            events.push(`flagged=${condition.flagged}`);
            condition.set(false); advance(500);
            events.push(`flagged=${condition.flagged}`);
            return events;
            """);
        Assert.Equal(["flagged=false", "flagged=false", "start@2300", "flagged=true", "flagged=true", "end@4000", "flagged=false"], events);
    }

    [Fact]
    public async Task TheReporterKeepsFlagsUntilTheServerStoresThemAndUpdatesOneRecordPerFlag()
    {
        var result = await RunWithModuleAsync<JsonElement>("flagReporter.js", """
            const store = new Map();
            const storage = { getItem: k => store.get(k) ?? null, setItem: (k, v) => store.set(k, v) };
            const sent = [];
            let failing = true;
            const reporter = m.createFlagReporter({
                storageKey: 'k',
                storage,
                serverNow: () => Date.parse('2026-01-01T10:00:00Z'),
                send: async report => { if (failing) throw new Error('offline'); sent.push(report); },
            });
            const id = reporter.start('left-page', Date.parse('2026-01-01T10:00:00Z'));
            reporter.instant('paste', Date.parse('2026-01-01T10:00:01Z'));
            reporter.end(id, Date.parse('2026-01-01T10:00:05Z'));
            const pendingWhileOffline = reporter.pendingCount();
            await reporter.setOnline(true);                       // the send fails: everything stays
            const pendingAfterFailure = reporter.pendingCount();
            const survivesReload = m.createFlagReporter({ storageKey: 'k', storage, send: async () => {} }).pendingCount();
            failing = false;
            await reporter.setOnline(true);
            return { pendingWhileOffline, pendingAfterFailure, survivesReload, pendingAtEnd: reporter.pendingCount(), sent };
            """);
        Assert.Equal(2, result.GetProperty("pendingWhileOffline").GetInt32());
        Assert.Equal(2, result.GetProperty("pendingAfterFailure").GetInt32());
        Assert.Equal(2, result.GetProperty("survivesReload").GetInt32());
        Assert.Equal(0, result.GetProperty("pendingAtEnd").GetInt32());
        var sent = result.GetProperty("sent").EnumerateArray().ToList();
        Assert.Equal(2, sent.Count);
        var left = sent.Single(r => r.GetProperty("kind").GetString() == "left-page");
        Assert.Equal("2026-01-01T10:00:00.000Z", left.GetProperty("startedAtUtc").GetString());
        Assert.Equal("2026-01-01T10:00:05.000Z", left.GetProperty("endedAtUtc").GetString());
        var paste = sent.Single(r => r.GetProperty("kind").GetString() == "paste");
        Assert.Equal(paste.GetProperty("startedAtUtc").GetString(), paste.GetProperty("endedAtUtc").GetString());
    }
}
