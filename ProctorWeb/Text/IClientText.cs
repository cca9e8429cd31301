namespace ProctorWeb.Text;

/// <summary>
/// Marks a resource whose strings the browser modules show: every such resource is merged into the
/// table each page carries (ClientTextTable), so a module's words come in the reader's language.
/// </summary>
public interface IClientText;
