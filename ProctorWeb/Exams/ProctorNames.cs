using Microsoft.Extensions.Localization;
using ProctorWeb.Data;

namespace ProctorWeb.Exams;

/// <summary>
/// How a proctor is named on a student's record. What a proctor wrote, decided or asked for stays with the exam when
/// their account is deleted, so the record says a former proctor did it rather than losing the entry.
/// </summary>
public static class ProctorNames
{
    public const string Former = "a former proctor";

    public static string Of(AppUser? proctor, IStringLocalizer? T = null) => proctor?.DisplayName ?? FormerIn(T);

    public static string Of(IReadOnlyDictionary<string, string> names, string? proctorId, IStringLocalizer? T = null) =>
        proctorId is not null && names.TryGetValue(proctorId, out var name) ? name : FormerIn(T);

    private static string FormerIn(IStringLocalizer? T) => T is null ? Former : T["a former proctor"];
}
