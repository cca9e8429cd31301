using System.Text.RegularExpressions;
using MimeKit;

namespace ProctorWeb.Tests.Support;

/// <summary>A mail as its reader sees it: who it is for, the subject, the text, and the links in it.</summary>
public sealed partial record ReceivedMail(string To, string Subject, string Text)
{
    public static ReceivedMail From(MimeMessage message) =>
        new(string.Join(", ", message.To.Mailboxes.Select(m => m.Address)), message.Subject ?? "", message.TextBody ?? "");

    public IReadOnlyList<string> Links => LinkPattern().Matches(Text).Select(m => m.Value).ToList();

    /// <summary>The one link whose path starts with <paramref name="path"/>, such as "/Account/ConfirmEmail".</summary>
    public string Link(string path)
    {
        var links = Links.Where(l => new Uri(l).AbsolutePath.StartsWith(path, StringComparison.Ordinal)).ToList();
        Assert.True(links.Count == 1, $"Expected one {path} link in \"{Subject}\", found {links.Count}:\n{Text}");
        return links[0];
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}

/// <summary>The mails an app wrote to its pickup folder (no SMTP server configured), oldest first.</summary>
public sealed class PickedUpMail(string folder)
{
    public IReadOnlyList<ReceivedMail> All => !Directory.Exists(folder)
        ? []
        : Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(path => ReceivedMail.From(MimeMessage.Load(path))).ToList();

    public IReadOnlyList<ReceivedMail> To(string address) =>
        All.Where(m => m.To.Equals(address, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The only mail to <paramref name="address"/>; mails are written before the page answers, so no waiting.</summary>
    public ReceivedMail SingleTo(string address)
    {
        var mails = To(address);
        Assert.True(mails.Count == 1, $"Expected one mail to {address}, found {mails.Count}: {string.Join("; ", All.Select(m => $"{m.To}: {m.Subject}"))}");
        return mails[0];
    }
}
