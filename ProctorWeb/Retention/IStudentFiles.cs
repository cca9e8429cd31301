namespace ProctorWeb.Retention;

/// <summary>
/// Students' data kept outside the database (clips around flags, next). Called before the database transaction, so
/// a crash after the files went leaves the rows, and the next sweep calls it again: it must accept files already gone.
/// </summary>
public interface IStudentFiles
{
    Task DeleteExamFilesAsync(int examId, CancellationToken cancellationToken);

    /// <summary>Files that will never be whole (an upload nobody can finish any more): the sweep removes them.</summary>
    Task DeleteAbandonedAsync(DateTime nowUtc, CancellationToken cancellationToken);
}
