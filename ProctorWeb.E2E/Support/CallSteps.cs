using Microsoft.Playwright;

namespace ProctorWeb.E2E.Support;

public static class CallSteps
{
    /// <summary>Caller rings, callee accepts, and media flows both ways.</summary>
    public static async Task ConnectAsync(Person caller, Person callee)
    {
        await caller.CallButton(callee.Name).ClickAsync();
        await callee.Page.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await caller.ExpectRemoteMediaFlowingAsync();
        await callee.ExpectRemoteMediaFlowingAsync();
    }
}
