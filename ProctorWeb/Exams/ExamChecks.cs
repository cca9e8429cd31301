using Microsoft.Extensions.Localization;
using ProctorWeb.Data;

namespace ProctorWeb.Exams;

/// <summary>
/// What each of an exam's checks means to the student who must know before agreeing what will be asked of them and
/// who sees it. (What each means to the teacher who chooses it is said beside its box on the schedule form.)
/// </summary>
public static class ExamChecks
{
    /// <summary>What the student is told before agreeing, one sentence per check this exam has, in the reader's words with <paramref name="T"/>.</summary>
    public static IReadOnlyList<string> ForStudent(Exam exam, IStringLocalizer? T = null)
    {
        T ??= Untranslated.Text;
        var lines = new List<string>();
        if (exam.RequireIdCheck)
        {
            lines.Add(T["ID check: in the device check you take two photos with your camera, one of your face and one of your ID card held up to the camera. Have your ID card ready. Only this exam's proctors see the photos; they are kept with the exam's records."]);
        }
        if (exam.RequireScreenShare)
        {
            lines.Add(T["Screen sharing: you share your entire screen for the whole exam. Your proctors see it live, as they see your camera. If you stop sharing, they are told and you are asked to share again."]);
        }
        if (exam.FaceChecks)
        {
            lines.Add(exam.RequireIdCheck
                ? T["Face checks: your browser looks at your camera picture for no face, more than one face, your face turned away, or a different person than in your photo. This happens on your computer; only what it notices is sent to your proctors, as a flag you are told about."]
                : T["Face checks: your browser looks at your camera picture for no face, more than one face, your face turned away. This happens on your computer; only what it notices is sent to your proctors, as a flag you are told about."]);
        }
        if (exam.Admission == AdmissionMode.ByProctor)
        {
            lines.Add(T["Admission: after the device check you wait, your camera live for the proctors, until a proctor lets you in. If a proctor does not admit you, you are told why."]);
        }
        if (exam.RequireFullscreen)
        {
            lines.Add(T["Fullscreen: the exam is taken in fullscreen; leaving it is noted for your proctors."]);
        }
        return lines;
    }
}
