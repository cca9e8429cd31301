using Microsoft.AspNetCore.Identity;
using ProctorWeb.Calls;
using ProctorWeb.Data;
using ProctorWeb.Realtime;

namespace ProctorWeb.Accounts;

/// <summary>
/// Ends every session of an account at once, wherever it is open: signing out, an admin's change of roles or access,
/// deleting the account. One place, so that no path ends the pages' sessions and forgets the open hub connections.
/// </summary>
public sealed class AccountSessions(UserManager<AppUser> users, CallCoordinator calls, OpenConnections connections)
{
    public async Task EndEverywhereAsync(AppUser user)
    {
        // A new stamp first: from now on every copy of the account's cookie is refused (SessionStampValidator).
        await users.UpdateSecurityStampAsync(user);
        // Presence ends now rather than when a tab happens to close, and a call in progress ends for the other side.
        await calls.SignOutAsync(user.Id);
        // Tabs still connected with an old cookie (calls, monitors) are refused and closed: SignalR checked them only at connect.
        connections.RevokeAccount(user.Id);
    }
}
