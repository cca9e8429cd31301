namespace ProctorWeb.Text;

/// <summary>Words every page shares: the header, the language switcher, form and validation messages, error pages.</summary>
public sealed class SharedText;
