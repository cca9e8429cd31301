using System.ComponentModel.DataAnnotations;

namespace ProctorWeb.Retention;

/// <summary>How long students' data is kept after an exam; the site's longest, which a teacher may shorten per exam.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Days after an exam's end until everything about its students is deleted.</summary>
    [Range(1, 3650)]
    public int DefaultDays { get; set; } = 30;
}
