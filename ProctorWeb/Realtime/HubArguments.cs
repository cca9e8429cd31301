using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;

namespace ProctorWeb.Realtime;

/// <summary>Checks on what clients pass to hub methods, shared by both hubs.</summary>
public static class HubArguments
{
    /// <summary>An id a client sent: present and short, or a clear refusal in <paramref name="T"/>'s words (the caller's language).</summary>
    public static string Id(string? id, IStringLocalizer T) =>
        string.IsNullOrEmpty(id) || id.Length > 64 ? throw new HubException(T["That id is not valid."]) : id;
}
