namespace ProctorWeb.Text;

/// <summary>The live pages' server side: the monitor and calls pages and the hubs' refusals.</summary>
public sealed class LiveText;
