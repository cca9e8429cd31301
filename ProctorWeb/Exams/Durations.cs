using System.Globalization;
using Microsoft.Extensions.Localization;

namespace ProctorWeb.Exams;

public static class Durations
{
    /// <summary>A length of time as a proctor reads it: "1 h 05 min", "4 min 07 s", "12 s" (in the reader's words with <paramref name="T"/>).</summary>
    public static string Format(TimeSpan span, IStringLocalizer? T = null)
    {
        T ??= Untranslated.Text;
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }
        return span.TotalHours >= 1 ? T["{0} h {1:00} min", (int)span.TotalHours, span.Minutes]
            : span.TotalMinutes >= 1 ? T["{0} min {1:00} s", span.Minutes, span.Seconds]
            : T["{0} s", span.Seconds];
    }
}
