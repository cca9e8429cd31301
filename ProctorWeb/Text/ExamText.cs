namespace ProctorWeb.Text;

/// <summary>The teacher's exam pages (schedule, roster, review, report), invitation emails and the server's words about exams.</summary>
public sealed class ExamText;
