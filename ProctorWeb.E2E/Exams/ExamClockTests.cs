using System.Text.Json;
using ProctorWeb.E2E.Support;
using Xunit.Abstractions;

namespace ProctorWeb.E2E.Exams;

/// <summary>The exam clock in real Chromium: the end's milestones reach screen readers once each, in the page's language.</summary>
public class ExamClockTests(ITestOutputHelper output) : BrowserTest(output)
{
    // A clock whose "now" the script moves: ten minutes pass in a few ticks of 10 ms, without waiting for them.
    private const string Script = """
        async () => {
            const m = await import('/js/examClock.js');
            const region = document.getElementById('announcements');
            const said = () => [...region.children].map(p => p.textContent);
            const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
            const end = Date.parse('2030-01-01T10:10:05Z');
            let at = Date.parse('2030-01-01T10:00:00Z');
            const passTo = async msBeforeEnd => { at = end - msBeforeEnd; await sleep(60); };

            // The student's page: the time left to write.
            const student = m.createExamClock({ now: () => at, tickMs: 10 });
            const left = document.createElement('strong');
            student.countDown(left, new Date(end).toISOString(), { milestones: true });
            await passTo(10 * 60_000 + 2_000);
            const beforeTen = said();
            await passTo(10 * 60_000 - 1_000);
            await passTo(9 * 60_000);
            // A new state restarts the countdown towards the same end: nothing is said again.
            student.countDown(left, new Date(end).toISOString(), { milestones: true });
            await passTo(6 * 60_000);
            await passTo(5 * 60_000 - 500);
            await passTo(4 * 60_000);
            await passTo(1_000);
            student.stop();
            const studentSaid = said();
            const shown = left.textContent;

            // The proctor's monitor: the exam's own end, the same milestones.
            region.replaceChildren();
            at = Date.parse('2030-01-01T09:00:00Z');
            const proctor = m.createExamClock({ now: () => at, tickMs: 10 });
            const clock = document.createElement('p');
            const times = { startsAtUtc: '2030-01-01T09:10:05Z', endsAtUtc: new Date(end).toISOString(), lastEndsAtUtc: '2030-01-01T10:20:05Z' };
            proctor.countDownExam(clock, times);
            await passTo(11 * 60_000);
            await passTo(9 * 60_000);
            const monitorText = clock.textContent;
            await passTo(3 * 60_000);
            await passTo(-60_000);
            proctor.stop();
            return { beforeTen, studentSaid, shown, proctorSaid: said(), monitorText, milestone: m.milestonePassed(0, 100, 10 * 60_000 + 50) };
        }
        """;

    [Theory]
    [InlineData("en-US", "10 minutes left", "5 minutes left", "Ends in 9:00")]
    [InlineData("zh-CN", "还剩 10 分钟", "还剩 5 分钟", "9:00 后结束")]
    public async Task TenAndFiveMinutesLeftAreAnnouncedOnceEachInThePagesLanguage(string locale, string ten, string five, string monitorText)
    {
        var person = await LaunchAsync("Tester", FakeCamera.Green, locale: locale);
        await person.Page.GotoAsync(App.Url("/"));

        var result = await person.Page.EvaluateAsync<JsonElement>(Script);

        Output.WriteLine(result.ToString());
        Assert.Empty(result.GetProperty("beforeTen").EnumerateArray());
        Assert.Equal([ten, five], result.GetProperty("studentSaid").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("0:01", result.GetProperty("shown").GetString());
        Assert.Equal([ten, five], result.GetProperty("proctorSaid").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(monitorText, result.GetProperty("monitorText").GetString());
        Assert.Equal(10, result.GetProperty("milestone").GetInt32());
        person.AssertNoErrors();
    }
}
