using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Accounts;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Accounts;

public class PersonNamesTests
{
    [Theory]
    [InlineData("Ada\u200B Lovelace", "Ada Lovelace")]              // zero-width space
    [InlineData("Ada \u202Eecalevol", "Ada ecalevol")]              // right-to-left override
    [InlineData("\u2066Ada\u2069 \u200ELovelace\u200F", "Ada Lovelace")] // isolates and marks
    [InlineData("Ada\u0007\u0000Lovelace", "Ada Lovelace")]         // control characters
    [InlineData("Ada\t\n  Lovelace\u00A0\u2028", "Ada Lovelace")]   // whitespace of any kind, once
    [InlineData("\uFEFFAda\U000E0041\U000E0042", "Ada")]            // byte order mark, tag characters
    [InlineData("Zoe\u0308", "Zoë")]                                 // composed
    [InlineData("می\u200Cخواهم", "می\u200Cخواهم")]                  // a Persian joiner between letters stays
    [InlineData("Ada \u200C", "Ada")]                                // but not one at the edge
    public void NamesAreCleanedOfWhatWouldHideOrDisguiseThem(string typed, string stored)
    {
        Assert.Equal(stored, PersonNames.Clean(typed));
    }

    [Fact]
    public async Task RegisteringStoresTheCleanedDisplayName()
    {
        await using var app = new ProctorWebApplication();

        var response = await Forms.PostAsync(app.CreateBrowser(new CookieContainer()), "/Account/Register", Form("Ad\u200Ba \u202ELovelace\u0007", "ada@example.test"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var name = await app.WithServiceAsync<string?, UserManager<AppUser>>(async users => (await users.FindByEmailAsync("ada@example.test"))?.DisplayName);
        Assert.Equal("Ada Lovelace", name);
    }

    [Fact]
    public async Task ADisplayNameOfOnlyInvisibleCharactersIsRefused()
    {
        await using var app = new ProctorWebApplication();

        var response = await Forms.PostAsync(app.CreateBrowser(new CookieContainer()), "/Account/Register", Form("\u200B\u202E\u200B", "ada@example.test"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at least 2 visible characters", Html.FieldError(await Html.ReadAsync(response), "Input.DisplayName"));
    }

    [Fact]
    public async Task StudentNamesOnTheRosterAreCleanedOneAtATimeAndPasted()
    {
        await using var scene = await ExamScene.StartAsync();
        var details = $"/Exams/{scene.ExamId}";

        await Forms.PostAsync(scene.Teacher.Browser, details, $"{details}?handler=Add", new() { ["Add.Name"] = "Ada\u200B \u202ELovelace", ["Add.Email"] = "ada@example.test" });
        await Forms.PostAsync(scene.Teacher.Browser, details, $"{details}?handler=AddMany", new() { ["Paste"] = "Bob\u2066 Marley\u0007, bob@example.test\n\u200B\u200B, nobody@example.test" });

        var names = await scene.DbAsync(db => db.Roster.OrderBy(r => r.Email).Select(r => r.Name).ToListAsync());
        Assert.Equal(["Ada Lovelace", "Bob Marley"], names);
    }

    private static Dictionary<string, string> Form(string displayName, string email) => new()
    {
        ["Input.DisplayName"] = displayName,
        ["Input.Email"] = email,
        ["Input.Password"] = ProctorWebApplication.Password,
        ["Input.ConfirmPassword"] = ProctorWebApplication.Password,
        ["Input.Role"] = Roles.Student,
    };
}
