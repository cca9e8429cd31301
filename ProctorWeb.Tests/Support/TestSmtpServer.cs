using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ProctorWeb.Tests.Support;

/// <summary>
/// A real SMTP server in this process, on 127.0.0.1 and a free port, that keeps every message it accepts; optionally
/// it requires AUTH with one username and password, and refuses some recipients as a real server refuses an address it
/// has no mailbox for (550 at RCPT TO). The app talks to it over TCP with MailKit, as to any server.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly ConcurrentQueue<(MimeMessage Message, string? User)> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private TestSmtpServer(int port, (string User, string Password)? login, IReadOnlyCollection<string> refused)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))
                .AuthenticationRequired(login is not null)
                // No TLS on this loopback test server, so AUTH must be allowed in plain text.
                .AllowUnsecureAuthentication(login is not null))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        var refusedAddresses = new HashSet<string>(refused, StringComparer.OrdinalIgnoreCase);
        services.Add(new DelegatingMailboxFilter((IMailbox to, IMailbox _) => !refusedAddresses.Contains($"{to.User}@{to.Host}")));
        if (login is { } l)
        {
            services.Add(new DelegatingUserAuthenticator((user, password) => user == l.User && password == l.Password));
        }
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <param name="refusing">Recipients the server answers "550 mailbox unavailable", as for an address with no mailbox.</param>
    public static TestSmtpServer Start((string User, string Password)? login = null, params IReadOnlyCollection<string> refusing) => new(LoopbackPort.Free(), login, refusing);

    /// <summary>The settings that point the app at this server.</summary>
    public Dictionary<string, string?> Settings(string? user = null, string? password = null) => new()
    {
        ["Email:Host"] = "127.0.0.1",
        ["Email:Port"] = Port.ToString(),
        ["Email:Security"] = "None",
        ["Email:Username"] = user,
        ["Email:Password"] = password,
        ["Email:From"] = "ProctorWeb <exams@school.test>",
    };

    /// <summary>The next message to arrive, with the user it was sent as (null without AUTH).</summary>
    public async Task<(MimeMessage Message, string? User)> NextAsync()
    {
        Assert.True(await _arrived.WaitAsync(TimeSpan.FromSeconds(10)), "No mail reached the SMTP server within 10 s.");
        Assert.True(_received.TryDequeue(out var received));
        return received;
    }

    public int Count => _received.Count;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            var user = context.Authentication.IsAuthenticated ? context.Authentication.User : null;
            server._received.Enqueue((message, user));
            server._arrived.Release();
            return SmtpResponse.Ok;
        }
    }
}
