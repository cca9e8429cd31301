namespace ProctorWeb.Text;

/// <summary>Browser modules of the monitor and calls pages. Served to the browser (ClientTextTable).</summary>
public sealed class LiveClientText : IClientText;
