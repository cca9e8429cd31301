namespace ProctorWeb.Text;

/// <summary>Browser modules every page may load. Served to the browser (ClientTextTable).</summary>
public sealed class CommonClientText : IClientText;
