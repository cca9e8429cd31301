namespace ProctorWeb.Text;

/// <summary>Browser modules of the student's exam room. Served to the browser (ClientTextTable).</summary>
public sealed class RoomClientText : IClientText;
