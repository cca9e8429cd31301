using ProctorWeb.Data;

namespace ProctorWeb.Exams;

/// <summary>
/// How a proctor is named on a student's record. What a proctor wrote, decided or asked for stays with the exam when
/// their account is deleted, so the record says a former proctor did it rather than losing the entry.
/// </summary>
public static class ProctorNames
{
    public const string Former = "a former proctor";

    public static string Of(AppUser? proctor) => proctor?.DisplayName ?? Former;

    public static string Of(IReadOnlyDictionary<string, string> names, string? proctorId) =>
        proctorId is not null && names.TryGetValue(proctorId, out var name) ? name : Former;
}
