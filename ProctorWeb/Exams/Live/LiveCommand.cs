namespace ProctorWeb.Exams.Live;

/// <summary>
/// One thing a page asks of a live exam, as plain data: in a cluster it travels to the node that holds the exam
/// (only there are its seats and timers) and runs there; the entities it names are read there, after the page saved them.
/// </summary>
public sealed record LiveCommand(string Kind, int ExamId, int RosterId = 0, string? Name = null, string? Reason = null, DateTime AtUtc = default,
    int[]? RosterIds = null, string[]? Names = null, string[]? ProctorIds = null)
{
    public const string EndStudent = "end-student";
    public const string RemoveStudent = "remove-student";
    public const string AddStudents = "add-students";
    public const string ChangeTimes = "change-times";
    public const string ChangeAccommodations = "change-accommodations";
    public const string ChangeProctors = "change-proctors";
}

/// <summary>Where a live command runs: on the node holding its exam.</summary>
public interface ILiveCommandRoute
{
    /// <summary>True if another node holds the exam and ran the command; false if it is this node's to run.</summary>
    Task<bool> RunOnOwnerAsync(LiveCommand command);
}

/// <summary>One node: every command runs here.</summary>
public sealed class RunHere : ILiveCommandRoute
{
    public Task<bool> RunOnOwnerAsync(LiveCommand command) => Task.FromResult(false);
}
