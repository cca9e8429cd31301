using ProctorWeb.Data;

namespace ProctorWeb.Exams;

/// <summary>
/// What each of an exam's checks means, in one place: for the teacher who chooses it, and for the student who
/// must know before agreeing what will be asked of them and who sees it.
/// </summary>
public static class ExamChecks
{
    public const string IdCheckForProctors =
        "In the device check each student takes two photos with their camera: their face, and their ID card held up to it. Only this exam's proctors see them.";

    public const string ScreenShareForProctors =
        "Students share their entire screen (not a window or tab) for the whole exam; proctors see it beside the camera. Stopping the share raises a flag.";

    public const string FaceChecksForProctors =
        "The student's browser looks at their camera for no face, more than one face, a face turned away and, with the ID check, a different person. Nothing is sent anywhere but these flags.";

    public const string AdmissionForProctors =
        "Students who passed the device check wait, camera live for the proctors, until a proctor admits them or turns them away with a reason.";

    /// <summary>What the student is told before agreeing, one sentence per check this exam has.</summary>
    public static IReadOnlyList<string> ForStudent(Exam exam)
    {
        var lines = new List<string>();
        if (exam.RequireIdCheck)
        {
            lines.Add("ID check: in the device check you take two photos with your camera, one of your face and one of your ID card held up to the camera. Have your ID card ready. Only this exam's proctors see the photos; they are kept with the exam's records.");
        }
        if (exam.RequireScreenShare)
        {
            lines.Add("Screen sharing: you share your entire screen for the whole exam. Your proctors see it live, as they see your camera. If you stop sharing, they are told and you are asked to share again.");
        }
        if (exam.FaceChecks)
        {
            lines.Add("Face checks: your browser looks at your camera picture for no face, more than one face, your face turned away" + (exam.RequireIdCheck ? ", or a different person than in your photo" : "") + ". This happens on your computer; only what it notices is sent to your proctors, as a flag you are told about.");
        }
        if (exam.Admission == AdmissionMode.ByProctor)
        {
            lines.Add("Admission: after the device check you wait, your camera live for the proctors, until a proctor lets you in. If a proctor does not admit you, you are told why.");
        }
        if (exam.RequireFullscreen)
        {
            lines.Add("Fullscreen: the exam is taken in fullscreen; leaving it is noted for your proctors.");
        }
        return lines;
    }
}
