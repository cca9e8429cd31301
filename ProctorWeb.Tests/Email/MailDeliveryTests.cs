using System.Net;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Email;

public class MailDeliveryTests
{
    private static Dictionary<string, string> Registration(string email) => new()
    {
        ["Input.DisplayName"] = "Ada Lovelace",
        ["Input.Email"] = email,
        ["Input.Password"] = ProctorWebApplication.Password,
        ["Input.ConfirmPassword"] = ProctorWebApplication.Password,
        ["Input.Role"] = Roles.Student,
    };

    [Fact]
    public async Task WithAnSmtpHostTheMailGoesThroughThatServerSignedInWithTheConfiguredAccount()
    {
        await using var smtp = TestSmtpServer.Start(login: ("mailer", "s3cret-pass"));
        await using var app = new ProctorWebApplication(smtp.Settings("mailer", "s3cret-pass"));
        var browser = app.CreateBrowser(new CookieContainer());

        await Forms.PostAsync(browser, "/Account/Register", Registration("ada@example.test"));

        var (message, user) = await smtp.NextAsync();
        Assert.Equal("mailer", user);
        Assert.Equal("exams@school.test", message.From.Mailboxes.Single().Address);
        Assert.Equal("ada@example.test", message.To.Mailboxes.Single().Address);
        Assert.Contains("/Account/ConfirmEmail?", ReceivedMail.From(message).Link("/Account/ConfirmEmail"));
        Assert.Empty(app.Mail.All);
    }

    [Fact]
    public async Task WithoutAnSmtpHostMailsAreWrittenAsEmlFilesToAFolderOnlyTheAppsUserCanRead()
    {
        await using var app = new ProctorWebApplication();
        var browser = app.CreateBrowser(new CookieContainer());

        var response = await Forms.PostAsync(browser, "/Account/Register", Registration("ada@example.test"));

        Assert.Equal("/Account/CheckEmail", response.Headers.Location?.OriginalString);
        var mail = app.Mail.SingleTo("ada@example.test");
        Assert.Equal("Confirm your email address for ProctorWeb", mail.Subject);
        Assert.StartsWith("http://localhost/Account/ConfirmEmail?", mail.Link("/Account/ConfirmEmail"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(app.MailPath));
            foreach (var file in Directory.GetFiles(app.MailPath))
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
        }
    }

    [Fact]
    public async Task TheMailFolderIsMadeAtStartSoTheAppRunsWithNoSetUp()
    {
        await using var app = new ProctorWebApplication();

        _ = app.Server;

        Assert.True(Directory.Exists(app.MailPath));
    }

    [Theory]
    [InlineData("Email:From", "not an address", "Email:From")]
    [InlineData("Email:Port", "0", "Port")]
    [InlineData("Email:Username", "mailer", "Email:Username and Email:Password go together")]
    public async Task ABadEmailSettingStopsTheAppAtStartNamingIt(string key, string value, string named)
    {
        await using var app = new ProctorWebApplication(new Dictionary<string, string?> { ["Email:Host"] = "127.0.0.1", [key] = value });

        var error = StartupFailure.Of(app);

        Assert.Contains(named, error.Message);
    }
}
