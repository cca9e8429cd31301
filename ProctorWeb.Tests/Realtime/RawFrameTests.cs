using System.Net.WebSockets;
using System.Text;
using ProctorWeb.Calls;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Realtime;

/// <summary>
/// Bytes no SignalR client would send, over a bare WebSocket: a handshake for a protocol the hub does not speak,
/// and a frame that is not JSON. Each closes only that connection and logs no failure.
/// </summary>
public class RawFrameTests
{
    private const char RecordSeparator = '\u001e';

    [Fact]
    public async Task AHandshakeForAProtocolTheHubDoesNotSpeakIsRefusedAndLogsNoFailure()
    {
        await using var scene = await ThreeCallers.StartAsync();
        using var socket = await OpenSocketAsync(scene.App);

        await SendAsync(socket, """{"protocol":"xml","version":1}""");

        Assert.Contains("\"error\"", await ReceiveAsync(socket));
        await AssertCallGoesOnAsync(scene);
    }

    [Fact]
    public async Task AFrameThatIsNotJsonClosesOnlyThatConnectionAndLogsNoFailure()
    {
        await using var scene = await ThreeCallers.StartAsync();
        using var socket = await OpenSocketAsync(scene.App);
        await SendAsync(socket, """{"protocol":"json","version":1}""");
        Assert.StartsWith("{}", await ReceiveAsync(socket));

        await SendAsync(socket, "this is not json");

        // Whatever the server still says (a presence list, then a close message), it ends with closing the socket.
        while (socket.State == WebSocketState.Open && await ReceiveAsync(socket) is not null)
        {
        }
        await AssertCallGoesOnAsync(scene);
    }

    /// <summary>Alice and Bob, on the same hub, still reach each other, and the app logged nothing as a failure.</summary>
    private static async Task AssertCallGoesOnAsync(ThreeCallers scene)
    {
        await Lobby.StartCallAsync(scene.Alice, scene.Bob);
        await scene.Alice.SignalAsync(scene.Bob.User.Id, Signals.Offer("unharmed"));
        await scene.Bob.WaitForSignalAsync("unharmed");
        scene.App.Logs.AssertNoFailures();
    }

    /// <summary>A WebSocket straight to the calls hub (no negotiation, as SignalR allows), signed in as Eve, a fourth user.</summary>
    private static async Task<WebSocket> OpenSocketAsync(ProctorWebApplication app)
    {
        var cookies = (await app.SignInAsync(await app.CreateUserAsync("Eve"))).Cookies;
        var client = app.Server.CreateWebSocketClient();
        client.ConfigureRequest = request => request.Headers.Cookie = cookies.GetCookieHeader(ProctorWebApplication.BaseUri);
        return await client.ConnectAsync(new Uri(ProctorWebApplication.BaseUri, CallHub.Path), CancellationToken.None);
    }

    private static Task SendAsync(WebSocket socket, string record) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(record + RecordSeparator), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>One whole message's text, or null once the server closed.</summary>
    private static async Task<string?> ReceiveAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(HubClient.DefaultTimeout);
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, timeout.Token);
            if (read.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            text.Append(Encoding.UTF8.GetString(buffer, 0, read.Count));
            if (read.EndOfMessage)
            {
                return text.ToString();
            }
        }
    }
}
