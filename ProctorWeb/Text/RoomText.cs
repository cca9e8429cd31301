namespace ProctorWeb.Text;

/// <summary>The student's pages: the personal link and the exam room.</summary>
public sealed class RoomText;
