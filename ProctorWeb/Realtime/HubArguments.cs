using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;

namespace ProctorWeb.Realtime;

/// <summary>Checks on what clients pass to hub methods, shared by both hubs.</summary>
public static class HubArguments
{
    public const int MaxIdLength = 64;

    /// <summary>An id a client sent: present and short, or a clear refusal in <paramref name="T"/>'s words (the caller's language).</summary>
    public static string Id(string? id, IStringLocalizer T) =>
        string.IsNullOrEmpty(id) || id.Length > MaxIdLength ? throw new HubException(T["That id is not valid."]) : id;
}
