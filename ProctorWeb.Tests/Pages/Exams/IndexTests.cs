using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Exams;

public class IndexTests
{
    [Fact]
    public async Task AnExamEndedEarlyIsListedAsFinishedWithTheTimeItEnded()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(-20), durationMinutes: 60, title: "Ended early");
        var endedAt = await app.WithServiceAsync<DateTime, AppDbContext>(async db =>
        {
            var exam = await db.Exams.SingleAsync(e => e.Id == examId);
            exam.EndedEarlyAtUtc = exam.StartsAtUtc.AddMinutes(15);
            await db.SaveChangesAsync();
            return exam.EndedEarlyAtUtc.Value;
        });

        var html = await tess.Browser.GetStringAsync("/Exams");

        Assert.DoesNotContain("Ended early", Html.Decoded(Html.Section(html, "Running now")));
        var finished = Html.Decoded(Html.Section(html, "Finished"));
        Assert.Contains("Ended early", finished);
        Assert.Contains($"datetime=\"{endedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}\"", finished);
    }
}
