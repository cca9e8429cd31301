using Microsoft.AspNetCore.SignalR;

namespace ProctorWeb.Realtime;

/// <summary>Checks on what clients pass to hub methods, shared by both hubs.</summary>
public static class HubArguments
{
    /// <summary>An id a client sent: present and short, or a clear refusal.</summary>
    public static string Id(string? id) =>
        string.IsNullOrEmpty(id) || id.Length > 64 ? throw new HubException("That id is not valid.") : id;
}
