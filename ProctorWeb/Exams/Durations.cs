using System.Globalization;

namespace ProctorWeb.Exams;

public static class Durations
{
    /// <summary>A length of time as a proctor reads it: "1 h 05 min", "4 min 07 s", "12 s".</summary>
    public static string Format(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }
        var c = CultureInfo.InvariantCulture;
        return span.TotalHours >= 1 ? string.Format(c, "{0} h {1:00} min", (int)span.TotalHours, span.Minutes)
            : span.TotalMinutes >= 1 ? string.Format(c, "{0} min {1:00} s", span.Minutes, span.Seconds)
            : string.Format(c, "{0} s", span.Seconds);
    }
}
