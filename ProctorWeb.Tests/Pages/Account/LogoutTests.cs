using System.Net;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Account;

public class LogoutTests
{
    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        await using var app = new ProctorWebApplication();
        var ada = await app.SignInAsync(await app.CreateUserAsync("Ada"));

        // The sign-out button is a form in the layout, so its token comes from a signed-in page.
        var response = await Forms.PostAsync(ada.Browser, "/Calls", "/Account/Logout", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var calls = await ada.Browser.GetAsync("/Calls");
        Assert.Equal(HttpStatusCode.Redirect, calls.StatusCode);
        Assert.StartsWith("http://localhost/Account/Login", calls.Headers.Location?.ToString());
    }

    [Fact]
    public async Task SigningOutTakesTheUserOffTheCallsListAtOnce()
    {
        await using var scene = await ThreeCallers.StartAsync();
        var (alice, bob) = (scene.Alice, scene.Bob);

        await Forms.PostAsync(scene.SignedInAs(alice).Browser, "/Calls", "/Account/Logout", []);

        await bob.WaitForOnlineUsersAsync(users => users.All(u => u.Id != alice.User.Id));
        // The server closes the signed-out tab's hub connection rather than leaving it usable.
        await alice.Closed.WaitAsync(HubClient.DefaultTimeout);
    }
}
