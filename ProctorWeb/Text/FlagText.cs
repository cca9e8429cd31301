namespace ProctorWeb.Text;

/// <summary>Flag kinds and exemptions in words, for pages and for the browser modules alike.</summary>
public sealed class FlagText;
