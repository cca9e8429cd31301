using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProctorWeb.Data;
using ProctorWeb.Retention;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Retention;

/// <summary>Exams' students' data goes when the retention period has passed, from the tables and from the file's bytes.</summary>
public class RetentionSweepTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AfterTheRetentionPeriodEveryTableAndTheFileHoldNothingOfTheStudentsAndTheExamKeepsItsCounts()
    {
        var clock = new ManualClock(Now);
        await using var app = new ProctorWebApplication { Clock = clock };
        var teacher = await app.CreateUserAsync("Tess", Roles.Teacher);
        // Ended an hour ago; the other exam ends a week later, so its period has not passed when this one's has.
        var examId = await app.CreateExamAsync(teacher, TimeSpan.FromHours(-2));
        var otherId = await app.CreateExamAsync(teacher, TimeSpan.FromDays(7), title: "Another exam");
        var ada = await StudentRecords.SeedAsync(app, examId, teacher.Id, "Ada Lovelace");
        var bob = await StudentRecords.SeedAsync(app, examId, teacher.Id, "Bob Marley");
        var dan = await StudentRecords.SeedAsync(app, otherId, teacher.Id, "Dan Brown");
        Assert.True(ada.AnyIn(StudentRecords.DatabaseFile(app)), "The file should hold Ada's data before it is deleted, or the check below proves nothing.");

        clock.Advance(TimeSpan.FromDays(29));
        await SweepAsync(app);
        Assert.Equal(StudentRecords.AllRowsOf(2), await StudentRecords.RowsAsync(app, examId, ada, bob));
        Assert.Null((await ExamAsync(app, examId)).DataDeletedAtUtc);

        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(15));
        var exam = await Eventually.MatchAsync(() => ExamAsync(app, examId), e => e.DataDeletedAtUtc is not null, "Deleting the exam's students' data");

        Assert.Equal(StudentRecords.NoRows, await StudentRecords.RowsAsync(app, examId, ada, bob));
        Assert.Equal((2, 2), (exam.StudentCount, exam.FlagCount));
        Assert.Equal(StudentRecords.AllRowsOf(1), await StudentRecords.RowsAsync(app, otherId, dan));
        var file = StudentRecords.DatabaseFile(app);
        Assert.False(ada.AnyIn(file), "Ada's name, email or photo is still in the database file.");
        Assert.False(bob.AnyIn(file), "Bob's name, email or photo is still in the database file.");
        Assert.True(dan.AnyIn(file), "Dan's data went too, though his exam's period has not passed.");
    }

    [Fact]
    public async Task ATeachersShorterPeriodDeletesEarlierAndALongerDefaultNeverOutlivesTheSitesOwn()
    {
        var clock = new ManualClock(Now);
        await using var app = new ProctorWebApplication(new Dictionary<string, string?> { ["Retention:DefaultDays"] = "10" }) { Clock = clock };
        var teacher = await app.CreateUserAsync("Tess", Roles.Teacher);
        var shortened = await app.CreateExamAsync(teacher, TimeSpan.FromHours(-2));
        var longer = await app.CreateExamAsync(teacher, TimeSpan.FromHours(-2), title: "Kept longer than the site allows");
        await app.ConfigureExamAsync(shortened, e => e.RetentionDays = 2);
        await app.ConfigureExamAsync(longer, e => e.RetentionDays = 20);

        clock.Advance(TimeSpan.FromDays(3));
        await SweepAsync(app);
        Assert.NotNull((await ExamAsync(app, shortened)).DataDeletedAtUtc);
        Assert.Null((await ExamAsync(app, longer)).DataDeletedAtUtc);

        clock.Advance(TimeSpan.FromDays(8));
        await SweepAsync(app);
        Assert.NotNull((await ExamAsync(app, longer)).DataDeletedAtUtc);
    }

    [Fact]
    public async Task DeletingAgainChangesNothingAndKeepsTheFirstCounts()
    {
        await using var app = new ProctorWebApplication { Clock = new ManualClock(Now) };
        var teacher = await app.CreateUserAsync("Tess", Roles.Teacher);
        var examId = await app.CreateExamAsync(teacher, TimeSpan.FromHours(-2));
        var ada = await StudentRecords.SeedAsync(app, examId, teacher.Id, "Ada Lovelace");

        Assert.True(await app.WithServiceAsync<bool, StudentDataEraser>(e => e.DeleteStudentDataAsync(examId)));
        var first = await ExamAsync(app, examId);
        Assert.True(await app.WithServiceAsync<bool, StudentDataEraser>(e => e.DeleteStudentDataAsync(examId)));
        var second = await ExamAsync(app, examId);

        Assert.Equal((1, 1, first.DataDeletedAtUtc), (second.StudentCount, second.FlagCount, second.DataDeletedAtUtc));
        Assert.Equal(StudentRecords.NoRows, await StudentRecords.RowsAsync(app, examId, ada));
        Assert.False(await app.WithServiceAsync<bool, StudentDataEraser>(e => e.DeleteStudentDataAsync(examId + 100)));
    }

    [Fact]
    public async Task ADeletionInterruptedMidwayLeavesEverythingAndFinishesWhenTheAppStartsAgain()
    {
        var failing = new FailOnDelete("Attendance");
        var clock = new ManualClock(Now);
        var first = new ProctorWebApplication { Clock = clock, ConfigureServices = s => s.AddSingleton<IInterceptor>(failing) };
        await using var second = new ProctorWebApplication { Clock = new ManualClock(Now.AddDays(31)) };
        int examId;
        StudentRecords ada;
        await using (first)
        {
            var teacher = await first.CreateUserAsync("Tess", Roles.Teacher);
            examId = await first.CreateExamAsync(teacher, TimeSpan.FromHours(-2));
            ada = await StudentRecords.SeedAsync(first, examId, teacher.Id, "Ada Lovelace");

            clock.Advance(TimeSpan.FromDays(31));
            await failing.Failed.Task.WaitAsync(TimeSpan.FromSeconds(10));

            // Notes, flags and photos were deleted before the failure, inside the transaction that never committed.
            Assert.Equal(StudentRecords.AllRowsOf(1), await StudentRecords.RowsAsync(first, examId, ada));
            Assert.Null((await ExamAsync(first, examId)).DataDeletedAtUtc);
            await first.Host.StopAsync();
            foreach (var suffix in new[] { "", "-wal" }.Where(s => File.Exists(first.DatabasePath + s)))
            {
                File.Copy(first.DatabasePath + suffix, second.DatabasePath + suffix);
            }
        }

        // Starting is enough: the sweep's first round runs at start.
        var exam = await Eventually.MatchAsync(() => ExamAsync(second, examId), e => e.DataDeletedAtUtc is not null, "Finishing the deletion after the restart");
        Assert.Equal(StudentRecords.NoRows, await StudentRecords.RowsAsync(second, examId, ada));
        Assert.Equal((1, 1), (exam.StudentCount, exam.FlagCount));
    }

    private static Task<Exam> ExamAsync(ProctorWebApplication app, int examId) =>
        app.WithServiceAsync<Exam, AppDbContext>(db => db.Exams.AsNoTracking().SingleAsync(e => e.Id == examId));

    private static Task SweepAsync(ProctorWebApplication app) =>
        app.Services.GetServices<IHostedService>().OfType<RetentionSweep>().Single().SweepAsync(CancellationToken.None);

    /// <summary>Breaks every deletion from one table, as a crash there would: whatever ran before it in the transaction must not stay.</summary>
    private sealed class FailOnDelete(string table) : DbCommandInterceptor
    {
        public TaskCompletionSource Failed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.StartsWith($"DELETE FROM \"{table}\"", StringComparison.Ordinal))
            {
                Failed.TrySetResult();
                throw new IOException($"The test stopped the deletion at {table}.");
            }
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
