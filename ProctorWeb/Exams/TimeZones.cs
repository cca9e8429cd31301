using Microsoft.Extensions.Localization;

namespace ProctorWeb.Exams;

/// <summary>Turns the wall-clock time a teacher typed, in their browser's time zone, into UTC.</summary>
public static class TimeZones
{
    /// <param name="T">The error in the reader's words (ExamText); English without.</param>
    public static bool TryToUtc(DateTime local, string? timeZoneId, out DateTime utc, out string error, IStringLocalizer? T = null)
    {
        T ??= Untranslated.Text;
        utc = default;
        error = "";
        TimeZoneInfo zone;
        try
        {
            zone = string.IsNullOrWhiteSpace(timeZoneId) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            error = T["Your browser's time zone '{0}' is unknown to the server.", timeZoneId ?? ""];
            return false;
        }
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            error = T["That time does not exist in your time zone (the clocks change then). Pick another time."];
            return false;
        }
        try
        {
            utc = TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
        }
        catch (ArgumentException)
        {
            // 9999-12-31 23:00 in a zone behind UTC is past the last date a computer here can hold.
            error = T["That date is out of range. Pick a date within the next few years."];
            return false;
        }
        return true;
    }
}
