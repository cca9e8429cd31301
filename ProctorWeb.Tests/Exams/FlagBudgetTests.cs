using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Exams;

public class FlagBudgetTests
{
    private static Task<long> ReportAsync(HubClient student, string clientId, DateTime? ended = null) =>
        student.InvokeAsync<long>(nameof(ExamHub.ReportFlag), new FlagReport(clientId, "paste", DateTime.UtcNow.AddSeconds(-5), ended));

    [Fact]
    public async Task AStudentsFlagBudgetIsNotRefilledByReconnecting()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1, settings: new Dictionary<string, string?> { ["Exams:FlagBurst"] = "3", ["Exams:FlagsPerMinute"] = "1" });
        var ada = exam.Students[0];
        for (var i = 1; i <= 3; i++)
        {
            await ReportAsync(ada, $"c{i}");
        }

        var refused = await Assert.ThrowsAsync<HubException>(() => ReportAsync(ada, "c4"));
        Assert.Contains(FlagBudget.TooMany, refused.Message);
        // Before, the budget was the hub's per connection: a reconnect brought a fresh one.
        await ada.DropAsync();
        var back = await exam.ReconnectAsync(ada);
        await back.JoinAsStudentAsync();
        await Assert.ThrowsAsync<HubException>(() => ReportAsync(back, "c4"));

        // The end of a stored flag (and a retry of one) always gets through: it adds nothing.
        await ReportAsync(back, "c1", DateTime.UtcNow);
        var flags = await exam.App.WithServiceAsync<List<Flag>, AppDbContext>(db => db.Flags.AsNoTracking().OrderBy(f => f.Id).ToListAsync());
        Assert.Equal(["c1", "c2", "c3"], flags.Select(f => f.ClientId));
        Assert.NotNull(flags[0].EndedAtUtc);
    }

    [Fact]
    public async Task OneStudentSpendingTheirBudgetLeavesOthersTheirs()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 2, settings: new Dictionary<string, string?> { ["Exams:FlagBurst"] = "1" });
        var (ada, bob) = (exam.Students[0], exam.Students[1]);

        await ReportAsync(ada, "a1");
        await Assert.ThrowsAsync<HubException>(() => ReportAsync(ada, "a2"));

        await ReportAsync(bob, "b1");
    }
}
