namespace ProctorWeb.Data;

/// <summary>
/// Checks a student is exempt from, stored as bits so that adding one later needs no migration.
/// Each covers a few flag kinds (see <see cref="Exams.Accommodation"/>); the values are stored, so never renumber them.
/// </summary>
[Flags]
public enum Exemptions
{
    None = 0,
    Fullscreen = 1,
    Voice = 2,
    FaceChecks = 4,
    CameraPicture = 8,
    ScreenSharing = 16,
    LeavingThePage = 32,
    CopyAndPaste = 64,
}
