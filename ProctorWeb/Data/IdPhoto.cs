namespace ProctorWeb.Data;

/// <summary>A photo a student took from their live camera in the device check: their face, or their ID card.</summary>
public class IdPhoto
{
    public long Id { get; set; }
    public int RosterEntryId { get; set; }
    public RosterEntry? RosterEntry { get; set; }
    /// <summary>One of <see cref="IdPhotoKinds"/>; a retake replaces the photo of its kind.</summary>
    public string Kind { get; set; } = "";
    /// <summary>Re-encoded by the server as JPEG, so nothing of the uploaded file but its pixels is kept.</summary>
    public byte[] Jpeg { get; set; } = [];
    public int Width { get; set; }
    public int Height { get; set; }
    public DateTime TakenAtUtc { get; set; }
}

public static class IdPhotoKinds
{
    public const string Face = "face";
    public const string IdCard = "id-card";

    public static readonly IReadOnlyList<string> All = [Face, IdCard];
}
