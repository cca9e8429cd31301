using System.Globalization;
using System.Text;

namespace ProctorWeb.Bench;

/// <summary>Scenario 8's rows and notes: the clip recorders' CPU, a clip's size, and the disk an exam's clips need.</summary>
public static partial class Report
{
    private static void ClipRows(StringBuilder md, Results results)
    {
        if (results.Clips is not { } clips)
        {
            return;
        }
        var (product, standIn, settings, disk) = (clips.Product, clips.StandIn, clips.Settings, clips.Disk);
        Row(md, $"Student's exam page, renderer CPU with the rolling clip recorders ({product.MeanRecording:0.0} recording on average, at most {product.MostRecording}; camera {clips.PatternClip.CameraSize})",
            $"{product.RendererPercent:N1}% of a core", $"{standIn.RendererPercent:N1}% with a stand-in recorder that encodes nothing",
            standIn.RendererPercent > 0 ? product.RendererPercent / standIn.RendererPercent : null, "—", null);
        Row(md, "Extra CPU of the clip recorders: renderer; whole browser", $"+{clips.ExtraRendererPercent:N1}% of a core; +{clips.ExtraBrowserPercent:N1}%",
            $"whole browser {product.BrowserPercent:N1}% with, {standIn.BrowserPercent:N1}% without", null, "—", null);
        var capPerSecond = settings.CapBytes(1);
        Row(md, $"Clip ceiling at the recorder's bit rates ({settings.VideoBitsPerSecond / 1000:N0} + {settings.AudioBitsPerSecond / 1000:N0} kbit/s)",
            $"{settings.CapBytes(settings.ClipSeconds) / 1000:N0} kB for {settings.ClipSeconds} s, {settings.CapBytes(settings.LongestClipSeconds) / 1000:N0} kB for the longest ({settings.LongestClipSeconds} s)", "—", null, "—", null);
        foreach (var clip in new[] { clips.PatternClip, clips.FaceClip })
        {
            Row(md, $"Clip of a paste flag, camera: {clip.Camera}, {clip.CameraSize}",
                $"{clip.TotalBytes / 1000.0:N0} kB over {clip.SpanSeconds:0.0} s: {clip.BytesPerSecond / 1000:N1} kB/s ({clip.BytesPerSecond * 8 / 1000:N0} kbit/s)",
                $"{capPerSecond / 1000:N1} kB/s at the bit rates", clip.BytesPerSecond / capPerSecond, "—", null);
        }
        Row(md, $"Disk for the clips of a {disk.Students}-student, {ClipDisk.ExamHours}-hour exam (assumed: {ClipDisk.FlagClipsPerStudent:0} flag clips per student, 1 kept per 10 students; camera only; each as the test pattern's clip)",
            $"{disk.Students * disk.ClipsPerStudent:N0} clips × {disk.ClipBytes / 1000:N0} kB = {Size(disk.ExpectedBytes)}; {Size(disk.ExpectedAtCapBytes)} at the recorder's bit rates", "—", null, "—", null);
        Row(md, $"Disk bound: every student sends the whole quota ({settings.MaxClipsPerStudent} clips) at the recorder's bit rates",
            $"{disk.QuotaClips:N0} × {settings.CapBytes(settings.ClipSeconds) / 1000:N0} kB = {Size(disk.BoundBytes)}; {Size(disk.LongestBoundBytes)} if every clip were the longest", "—", null, "—", null);
    }

    private static void ClipNotes(StringBuilder md, Results results)
    {
        if (results.Clips is not { } clips)
        {
            return;
        }
        var (s, disk) = (clips.Settings, clips.Disk);
        var load = $"{clips.LoadAverageBefore.ToString("0.0", CultureInfo.InvariantCulture)} before and {clips.LoadAverageAfter.ToString("0.0", CultureInfo.InvariantCulture)} after the two CPU windows";
        md.AppendLine();
        md.AppendLine($"Clip recorders: the student's exam page in a running exam, with the product's evidence.js and clipRecorder.js and the room page's settings (a recorder begun every {s.RecorderStepSeconds} s, dropped unread once older than {s.SecondsBefore + s.RecorderStepSeconds + 3} s), each run in a Chromium of its own; no proctor watches, so no peer connection encodes. " +
            $"The camera is Chromium's fake device without a file ({clips.PatternClip.CameraSize}): a flat green picture whose middle, a disc with a turning wedge cut out of it, changes every frame; the microphone is Chromium's fake beep. " +
            $"Once the page has dropped its first recorder (from then on as many run as for the rest of the exam), a {ClipBenchmark.WarmUp.TotalSeconds:0} s warm-up, then the renderer's CPU (and the whole browser's) over {clips.WindowSeconds:0} s: first with the browser's own MediaRecorder, only counted by a subclass that notes each one, " +
            "then (another Chromium, another student) with MediaRecorder replaced by an init script's stand-in that encodes nothing but keeps what the page uses (the type check, `state`, `start`, `stop`, and the start, dataavailable and stop events), so the page's own logic runs the same and the difference is the recording: frames and sound handed to the recorders and encoded (VP8, Opus). " +
            $"Recorders recording at once are averaged over the window's time (the stand-in's page ran {clips.StandIn.MeanRecording:0.0} on average, at most {clips.StandIn.MostRecording}). The machine's load average (runnable tasks, {Environment.ProcessorCount} cores) was {load}.");
        md.AppendLine();
        md.AppendLine($"Clip size: after {s.SecondsBefore + s.RecorderStepSeconds + 1} s in the exam the student presses Control+V in the scratch pad, which raises a paste flag; the page claims the newest recorder begun at least {s.SecondsBefore} s before and lets it run {s.SecondsAfter} s past the flag, so a clip spans {s.ClipSeconds} to {s.LongestClipSeconds} s. " +
            "Size and span are what the page itself declared in its `POST /Join/Clips`, read off the network, and count once the server's answer to the last chunk says the clip is whole. " +
            $"The same again, in a third Chromium, with the still face of scenario 7 as the camera ({clips.FaceClip.CameraSize}, the file's own rate). Both pictures are easier to encode than a real webcam's (no sensor noise; the pattern is flat, the face does not move), so a real camera's clip will be larger, towards " +
            $"the recorder's bit rates ({s.VideoBitsPerSecond / 1000:N0} kbit/s video, {s.AudioBitsPerSecond / 1000:N0} kbit/s audio): the figure to plan with, though it is the encoder's target, not a hard limit. kB = 1,000 bytes, MB and GB likewise.");
        md.AppendLine();
        md.AppendLine($"Disk: assumed, a {disk.Students}-student, {ClipDisk.ExamHours}-hour exam in which each student has {ClipDisk.FlagClipsPerStudent:0} flagged moments (flags raised within 3 s of each other share one clip) and proctors keep one clip per 10 students: {disk.Students * disk.ClipsPerStudent:N0} camera clips, each the size of the test pattern's clip above. " +
            "The exam's length does not enter: a clip is per moment, not per minute, so a longer exam costs more only through more flags. " +
            $"The bound: every student sends the whole quota (`Clips:MaxClipsPerStudent` = {s.MaxClipsPerStudent}), every clip at the recorder's bit rates. " +
            "A shared screen adds a second clip per moment (a recorder of its own, video only, at the same bit rate), which the assumed figure leaves out; screen clips count against the same quota, so the bound holds with them.");
    }

    private static string Size(double bytes) =>
        bytes >= 1e9 ? $"{(bytes / 1e9).ToString("0.00", CultureInfo.InvariantCulture)} GB" : $"{(bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture)} MB";
}
