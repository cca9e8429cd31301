using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MailKit.Net.Smtp;
using Microsoft.AspNetCore.Identity;
using ProctorWeb.Audit;
using ProctorWeb.Email;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Localization;

/// <summary>
/// The account and admin pages, their refusals, the account mails and Identity's messages read in Chinese for a
/// Chinese browser, and the fields a refusal is about say so to screen readers.
/// </summary>
public partial class AccountPagesInChineseTests
{
    private static HttpClient ChineseBrowser(ProctorWebApplication app)
    {
        var browser = app.CreateBrowser(new CookieContainer());
        browser.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");
        return browser;
    }

    [Theory]
    [InlineData("/Account/Login", "登录", "忘记密码了？")]
    [InlineData("/Account/Register", "创建账户", "要参加考试？您无需账户")]
    [InlineData("/Account/ForgotPassword", "忘记密码了？", "发送链接")]
    [InlineData("/Account/ResendConfirmation", "重新发送确认链接", "邮箱")]
    [InlineData("/Account/CheckEmail", "请查收邮件", "也请查看垃圾邮件文件夹")]
    [InlineData("/Account/ConfirmEmail", "确认电子邮箱", "此链接无效")]
    [InlineData("/Account/ResetPassword", "设置新密码", "保存新密码")]
    [InlineData("/Account/AcceptInvitation", "设置您的密码", "您受邀在 ProctorWeb 任教")]
    [InlineData("/Account/Deleted", "您的账户已删除", "返回首页")]
    public async Task TheSignedOutAccountPagesSpeakChineseToAChineseBrowser(string path, string heading, string words)
    {
        await using var app = new ProctorWebApplication();

        var page = await ChineseBrowser(app).GetStringAsync(path);

        Assert.Contains("<html lang=\"zh-CN\">", page);
        var text = Html.VisibleText(page);
        Assert.Contains(heading, text);
        Assert.Contains(words, text);
    }

    [Fact]
    public async Task TheSignInPageReadsInChineseWithItsLinksInsideTheSentences()
    {
        await using var app = new ProctorWebApplication();

        var page = await ChineseBrowser(app).GetStringAsync("/Account/Login");

        var text = Html.VisibleText(page);
        Assert.Contains("<title>登录", page);
        Assert.Contains("邮箱", text);
        Assert.Contains("密码", text);
        // Tags leave spaces in the visible text; Chinese has none between words.
        Assert.Contains("还没有账户？注册。", text.Replace(" ", ""));
        Assert.DoesNotContain("Forgot your password", text);
    }

    [Fact]
    public async Task EmptyFieldsAreRefusedInChineseAndEachFieldPointsAtItsMessage()
    {
        await using var app = new ProctorWebApplication();
        var browser = ChineseBrowser(app);

        var response = await Forms.PostAsync(browser, "/Account/Login", new() { ["Input.Email"] = "", ["Input.Password"] = "" });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Equal("邮箱是必填项。", Html.FieldError(html, "Input.Email"));
        Assert.Equal("密码是必填项。", Html.FieldError(html, "Input.Password"));
        AssertFieldPointsAtItsError(html, "Input.Email");
        AssertFieldPointsAtItsError(html, "Input.Password");
    }

    [Fact]
    public async Task AWrongSignInIsRefusedInChinese()
    {
        await using var app = new ProctorWebApplication();
        var ada = await app.CreateUserAsync("Ada");

        var response = await Forms.PostAsync(ChineseBrowser(app), "/Account/Login", new() { ["Input.Email"] = ada.Email, ["Input.Password"] = "Wrong-Password-1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("该电子邮箱和密码与任何账户都不匹配。连续输错 5 次密码后，账户将被锁定 5 分钟。", await Html.ReadAsync(response));
    }

    [Fact]
    public async Task AnAddressThatIsNoAddressIsRefusedInChineseOnTheFieldItIsAbout()
    {
        await using var app = new ProctorWebApplication();

        var response = await Forms.PostAsync(ChineseBrowser(app), "/Account/ForgotPassword", new() { ["Input.Email"] = "not-an-address" });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("邮箱不是有效的邮箱地址。", Html.FieldError(html, "Input.Email"));
        AssertFieldPointsAtItsError(html, "Input.Email");
    }

    [Fact]
    public async Task TheRegisterPagesPasswordRulesAndItsRefusalsReadInChinese()
    {
        await using var app = new ProctorWebApplication();
        var browser = ChineseBrowser(app);

        var page = await browser.GetStringAsync("/Account/Register");
        var common = await Forms.PostAsync(browser, "/Account/Register", Registration("ada@example.test", "password1234"));
        var differ = await Forms.PostAsync(browser, "/Account/Register", Registration("ada@example.test", ProctorWebApplication.Password, "Another-Password-9"));

        Assert.Contains("至少 12 个字符，任何字符都可以：几个互不相关的词组合起来，既安全又好记。最常见的密码会被拒绝。", Html.Decoded(page));
        Assert.Contains("显示名称", Html.VisibleText(page));
        var refused = await common.Content.ReadAsStringAsync();
        Assert.Equal("这个密码是最常见的密码之一，攻击者会最先尝试。请另选一个：几个互不相关的词组合起来，既安全又好记。", Html.FieldError(refused, "Input.Password"));
        AssertFieldPointsAtItsError(refused, "Input.Password");
        Assert.Equal("两次输入的密码不一致。", Html.FieldError(await differ.Content.ReadAsStringAsync(), "Input.ConfirmPassword"));
        Assert.Empty(app.Mail.All);
    }

    [Fact]
    public async Task TheConfirmationMailOfARegistrationInChineseIsInChineseAndItsLinkConfirmsInChinese()
    {
        await using var app = new ProctorWebApplication();
        var browser = ChineseBrowser(app);

        await Forms.PostAsync(browser, "/Account/Register", Registration("ada@example.test"));

        var mail = app.Mail.SingleTo("ada@example.test");
        Assert.Equal("请确认您在 ProctorWeb 的电子邮箱地址", mail.Subject);
        Assert.StartsWith("Ada Lovelace，您好：", mail.Text);
        Assert.Contains("请打开以下链接，确认此邮箱地址属于您", mail.Text);
        Assert.Contains("该链接一天内有效。", mail.Text);
        var confirmed = await browser.GetAsync(mail.Link("/Account/ConfirmEmail"));
        var confirmedText = Html.VisibleText(await confirmed.Content.ReadAsStringAsync());
        Assert.True(confirmedText.Replace(" ", "").Contains("谢谢：您的电子邮箱地址已确认。现在您可以登录了。"), confirmedText);
    }

    [Fact]
    public async Task AResetMailAskedForFromAChinesePageIsInChineseAndAnEnglishOneStaysEnglish()
    {
        await using var app = new ProctorWebApplication();
        var ada = await app.CreateUserAsync("Ada");

        await Forms.PostAsync(ChineseBrowser(app), "/Account/ForgotPassword", new() { ["Input.Email"] = ada.Email });
        await Forms.PostAsync(app.CreateBrowser(new CookieContainer()), "/Account/ForgotPassword", new() { ["Input.Email"] = ada.Email });

        var mails = app.Mail.To(ada.Email);
        Assert.Equal(2, mails.Count);
        Assert.Equal("设置新的 ProctorWeb 密码", mails[0].Subject);
        Assert.Contains("请打开以下链接，为您的 ProctorWeb 账户设置新密码：", mails[0].Text);
        Assert.Contains("该链接只能使用一次，", mails[0].Text);
        Assert.Single(mails[0].Links);
        Assert.Equal("Choose a new ProctorWeb password", mails[1].Subject);
        Assert.StartsWith("Hello Ada,\n\nOpen this link to choose a new password for your ProctorWeb account:\n\nhttp", mails[1].Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task ATeachersOwnAccountPagesSpeakChinese()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        tess.Browser.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");

        var change = Html.VisibleText(await tess.Browser.GetStringAsync("/Account/ChangePassword"));
        var twoStep = await tess.Browser.GetStringAsync("/Account/TwoFactor");
        var delete = Html.VisibleText(await tess.Browser.GetStringAsync("/Account/Delete"));
        var wrong = await Forms.PostAsync(tess.Browser, "/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = "Not-My-Password-1",
            ["Input.NewPassword"] = "Brand-New-Horse-7",
            ["Input.ConfirmPassword"] = "Brand-New-Horse-7",
        });

        Assert.Contains("更改密码", change);
        Assert.Contains("仅靠密码可能被猜中或盗取：请使用身份验证器应用设置两步验证。", change.Replace(" ", ""));
        Assert.Contains("两步验证未开启。", Html.VisibleText(twoStep));
        Assert.Contains("aria-label=\"密钥的二维码，供身份验证器应用扫描\"", twoStep);
        Assert.Contains("删除账户后无法恢复。", delete);
        Assert.Contains("您没有创建任何考试。", delete);
        Assert.Contains("删除我的账户（不涉及其他内容）", delete);
        Assert.Equal("这不是您当前的密码。", Html.FieldError(await wrong.Content.ReadAsStringAsync(), "Input.CurrentPassword"));
    }

    [Fact]
    public async Task TheAdminsPagesSpeakChineseWithEachAuditKindInWords()
    {
        await using var app = new ProctorWebApplication();
        var admin = await app.SignInNewAdminAsync("Ada Admin");
        admin.Browser.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");

        var teachers = await admin.Browser.GetStringAsync("/Admin/Teachers");
        var audit = await admin.Browser.GetStringAsync("/Admin/Audit");
        var invite = await Forms.PostAsync(admin.Browser, "/Admin/Teachers", "/Admin/Teachers?handler=Invite", new() { ["Invite.Email"] = "", ["Invite.Name"] = "T" });

        Assert.Contains("<html lang=\"zh-CN\">", teachers);
        Assert.Contains("邀请教师", Html.VisibleText(teachers));
        Assert.Contains("教师和管理员（1）", Html.VisibleText(teachers));
        Assert.Contains(">封禁</button>", teachers);
        Assert.Contains("aria-label=\"封禁：Ada Admin\"", teachers);
        Assert.Contains("审计日志", Html.VisibleText(audit));
        Assert.Contains(">开启两步验证</option>", audit);
        var refused = await invite.Content.ReadAsStringAsync();
        Assert.Equal("邮箱是必填项。", Html.FieldError(refused, "Invite.Email"));
        Assert.Equal("姓名须有 2 到 60 个字符。", Html.FieldError(refused, "Invite.Name"));
        AssertFieldPointsAtItsError(refused, "Invite.Name");
    }

    [Fact]
    public void NoResourceFileHasTwoNamesThatDifferOnlyInCase()
    {
        // The build keeps only the first of two such names ("Sign in", "sign in") and warns (MSB3568), so the other
        // would read in English in every language.
        var clashes = ResourceFile.All()
            .SelectMany(f => f.English.Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
                .Select(g => $"{f.Name}: {string.Join(" / ", g.Select(k => $"\"{k}\""))}"))
            .ToList();

        Assert.True(clashes.Count == 0, string.Join("\n", clashes));
    }

    [Fact]
    public void EveryAuditKindHasChineseWords()
    {
        var account = ResourceFile.All().Single(f => f.Name == "AccountText");

        Assert.All(AuditKinds.All, kind => Assert.True(account.Chinese.ContainsKey(kind), $"The audit kind \"{kind}\" has no Chinese words in AccountText."));
    }

    [Fact]
    public async Task IdentitysMessagesKeepIdentitysEnglishAndReadInChinese()
    {
        await using var app = new ProctorWebApplication();
        var defaults = new IdentityErrorDescriber();
        var describe = new Func<IdentityErrorDescriber, IdentityError>[]
        {
            d => d.DefaultError(), d => d.ConcurrencyFailure(), d => d.PasswordMismatch(), d => d.InvalidToken(),
            d => d.RecoveryCodeRedemptionFailed(), d => d.LoginAlreadyAssociated(), d => d.InvalidUserName("a b"),
            d => d.InvalidEmail("a@"), d => d.DuplicateUserName("ada@example.test"), d => d.DuplicateEmail("ada@example.test"),
            d => d.InvalidRoleName("x"), d => d.DuplicateRoleName("Teacher"), d => d.UserAlreadyHasPassword(),
            d => d.UserLockoutNotEnabled(), d => d.UserAlreadyInRole("Teacher"), d => d.UserNotInRole("Admin"),
            d => d.PasswordRequiresUniqueChars(3), d => d.PasswordRequiresNonAlphanumeric(), d => d.PasswordRequiresDigit(),
            d => d.PasswordRequiresLower(), d => d.PasswordRequiresUpper(),
        };

        var english = await InCultureAsync(app, "en", describer => describe.Select(d => d(describer)).ToList());
        var chinese = await InCultureAsync(app, "zh-CN", describer => describe.Select(d => d(describer)).ToList());
        var tooShort = await InCultureAsync(app, "zh-CN", describer => describer.PasswordTooShort(12).Description);

        Assert.Equal(describe.Select(d => (d(defaults).Code, d(defaults).Description)), english.Select(e => (e.Code, e.Description)));
        Assert.Equal(english.Select(e => e.Code), chinese.Select(e => e.Code));
        Assert.All(chinese, e => Assert.Matches(ChineseLetter(), e.Description));
        Assert.Contains("用户名“a b”无效", chinese[6].Description);
        Assert.Equal("密码至少须有 12 个字符。几个互不相关的词组合起来，既安全又好记。", tooShort);
    }

    [Fact]
    public void AMailFailureIsDescribedInTheReadersLanguage()
    {
        var unreachable = new SocketException((int)SocketError.ConnectionRefused);
        var refused = new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, MailKit.Net.Smtp.SmtpStatusCode.MailboxUnavailable, "mailbox unavailable");

        var english = InCulture("en", () => (MailFailures.Describe(unreachable), MailFailures.Describe(refused)));
        var chinese = InCulture("zh-CN", () => (MailFailures.Describe(unreachable), MailFailures.Describe(refused)));

        Assert.Equal(("the mail server could not be reached", "the mail server refused this address (550 mailbox unavailable); check it for typing mistakes"), english);
        Assert.Equal(("无法连接到邮件服务器", "邮件服务器拒绝了此地址（550 mailbox unavailable）；请检查是否有输入错误"), chinese);
    }

    private static void AssertFieldPointsAtItsError(string html, string field)
    {
        var input = Regex.Match(html, $"""<input[^>]*name="{Regex.Escape(field)}"[^>]*>""");
        Assert.True(input.Success, $"The page has no input {field}.");
        var errorId = field.Replace('.', '_') + "-error";
        Assert.Contains("aria-invalid=\"true\"", input.Value);
        Assert.Matches("aria-describedby=\"(?:[^\"]* )?" + Regex.Escape(errorId) + "\"", input.Value);
        var message = Regex.Match(html, $"""<span[^>]*data-valmsg-for="{Regex.Escape(field)}"[^>]*>""");
        Assert.True(message.Success, $"The page has no message for {field}.");
        Assert.Contains($"id=\"{errorId}\"", message.Value);
    }

    private static Dictionary<string, string> Registration(string email, string password = ProctorWebApplication.Password, string? confirm = null) => new()
    {
        ["Input.DisplayName"] = "Ada Lovelace",
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = confirm ?? password,
    };

    private static Task<T> InCultureAsync<T>(ProctorWebApplication app, string culture, Func<IdentityErrorDescriber, T> use) =>
        app.WithServiceAsync<T, IdentityErrorDescriber>(describer => Task.FromResult(InCulture(culture, () => use(describer))));

    private static T InCulture<T>(string culture, Func<T> use)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
            return use();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex ChineseLetter();
}
