namespace ProctorWeb.Text;

/// <summary>Browser modules of the teacher's exam pages. Served to the browser (ClientTextTable).</summary>
public sealed class ExamClientText : IClientText;
