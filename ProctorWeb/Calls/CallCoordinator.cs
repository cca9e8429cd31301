using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProctorWeb.Realtime;
using ProctorWeb.Text;

namespace ProctorWeb.Calls;

/// <summary>
/// Who is on the Calls page right now and who is calling whom. One active connection per user:
/// a newer tab takes over from an older one. All state changes happen under one lock; the
/// messages they cause are collected and sent after the lock is released, so a slow client
/// never holds up anyone else. Refusals and ring results read in the caller's language (the hub sets it per call).
/// </summary>
public sealed class CallCoordinator(IHubContext<CallHub, ICallClient> hub, IOptions<CallOptions> options, TimeProvider time, ILogger<CallCoordinator> logger,
    IStringLocalizer<LiveText> T)
{
    public const string LobbyGroup = "calls-lobby";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Presence> _online = new();
    private readonly Dictionary<string, Call> _calls = new();
    // Presence lists are snapshotted and sent one at a time, so an older list never overtakes a newer one.
    private readonly SemaphoreSlim _broadcast = new(1, 1);
    // Rings per caller and callee, so nobody can keep someone's screen ringing; not per connection, so a reload does not refill it.
    private readonly KeyedBudget<(string Caller, string Callee)> _rings =
        new(options.Value.MaxRingsToOnePerson, TimeSpan.FromMinutes(options.Value.RingLimitMinutes), time);

    private sealed class Presence(string userId, string name, string connectionId, Action abort)
    {
        /// <summary>Closes this tab's hub connection from the server side.</summary>
        public Action Abort { get; set; } = abort;
        /// <summary>Set while the connection is gone without a goodbye and the call waits for the tab to come back.</summary>
        public ITimer? ReturnTimer { get; set; }
        public string UserId { get; } = userId;
        public string Name { get; } = name;
        public string ConnectionId { get; set; } = connectionId;
        public Call? Call { get; set; }
        public CallParty AsParty => new(UserId, Name);
    }

    private sealed class Call(string id, Presence caller, Presence callee)
    {
        public string Id { get; } = id;
        public Presence Caller { get; } = caller;
        public Presence Callee { get; } = callee;
        public bool Active { get; set; }
        public ITimer? RingTimer { get; set; }
        public Presence Other(Presence me) => ReferenceEquals(me, Caller) ? Callee : Caller;
    }

    private sealed class CallOutbox
    {
        public Realtime.Outbox Messages { get; } = new();
        public bool PresenceChanged { get; set; }
        public void Add(Func<Task> send) => Messages.Add(send);
    }

    public async Task ConnectAsync(string userId, string name, string connectionId, Action abort)
    {
        var outbox = new CallOutbox();
        lock (_gate)
        {
            if (_online.TryGetValue(userId, out var returning) && returning.ReturnTimer is { } timer && returning.Call is { Active: true } call)
            {
                // The same tab back after a dropped connection: the call goes on, now on this connection.
                timer.Dispose();
                returning.ReturnTimer = null;
                returning.ConnectionId = connectionId;
                returning.Abort = abort;
                var other = call.Other(returning).ConnectionId;
                outbox.Add(() => hub.Clients.Client(other).PeerConnectionChanged(call.Id, true));
            }
            else if (_online.TryGetValue(userId, out var older))
            {
                older.ReturnTimer?.Dispose();
                EndCallOf(older, CallEndReasons.PeerLeft, outbox, notifySelf: false);
                outbox.Add(() => hub.Groups.RemoveFromGroupAsync(older.ConnectionId, LobbyGroup));
                outbox.Add(() => hub.Clients.Client(older.ConnectionId).SessionReplaced());
            }
            if (_online.GetValueOrDefault(userId)?.ConnectionId != connectionId)
            {
                _online[userId] = new Presence(userId, name, connectionId, abort);
            }
            outbox.PresenceChanged = true;
        }
        await hub.Groups.AddToGroupAsync(connectionId, LobbyGroup);
        await FlushAsync(outbox);
    }

    /// <param name="unexpected">The connection died rather than closed: a tab in a call gets a while to come back.</param>
    public async Task DisconnectAsync(string userId, string connectionId, bool unexpected = false)
    {
        var outbox = new CallOutbox();
        lock (_gate)
        {
            // A replaced tab closing must not sign out the tab that took over.
            if (!_online.TryGetValue(userId, out var me) || me.ConnectionId != connectionId)
            {
                return;
            }
            if (unexpected && me.Call is { Active: true } call)
            {
                me.ReturnTimer = time.CreateTimer(_ => _ = GiveUpOnReturnAsync(userId, connectionId), null, TimeSpan.FromSeconds(options.Value.ReconnectGraceSeconds), Timeout.InfiniteTimeSpan);
                var other = call.Other(me).ConnectionId;
                outbox.Add(() => hub.Clients.Client(other).PeerConnectionChanged(call.Id, false));
            }
            else
            {
                EndCallOf(me, CallEndReasons.PeerLeft, outbox, notifySelf: false);
                _online.Remove(userId);
                outbox.PresenceChanged = true;
            }
        }
        await FlushAsync(outbox);
    }

    /// <summary>After a reconnect: whether this tab's call is still on (the server kept it while the tab was away).</summary>
    public bool IsInCall(string userId, string connectionId, string callId)
    {
        lock (_gate)
        {
            return _online.TryGetValue(userId, out var me) && me.ConnectionId == connectionId && me.Call is { Active: true } call && call.Id == callId;
        }
    }

    private async Task GiveUpOnReturnAsync(string userId, string connectionId)
    {
        var outbox = new CallOutbox();
        lock (_gate)
        {
            if (!_online.TryGetValue(userId, out var me) || me.ConnectionId != connectionId || me.ReturnTimer is null)
            {
                return;
            }
            me.ReturnTimer.Dispose();
            me.ReturnTimer = null;
            EndCallOf(me, CallEndReasons.PeerLeft, outbox, notifySelf: false);
            _online.Remove(userId);
            outbox.PresenceChanged = true;
        }
        await FlushAsync(outbox);
    }

    /// <summary>Signing out ends the user's presence at once, not when their tab happens to close.</summary>
    public async Task SignOutAsync(string userId)
    {
        var outbox = new CallOutbox();
        Presence? me;
        lock (_gate)
        {
            if (!_online.Remove(userId, out me))
            {
                return;
            }
            EndCallOf(me, CallEndReasons.PeerLeft, outbox, notifySelf: false);
            outbox.PresenceChanged = true;
        }
        me.Abort();
        await FlushAsync(outbox);
    }

    public async Task<RingResult> RingAsync(string userId, string connectionId, string calleeId)
    {
        var outbox = new CallOutbox();
        RingResult result;
        lock (_gate)
        {
            var me = Active(userId, connectionId);
            if (calleeId == userId)
            {
                throw new HubException(T["You cannot call yourself."]);
            }
            if (me.Call is not null)
            {
                throw new HubException(T["Hang up your current call before starting another."]);
            }
            if (!_online.TryGetValue(calleeId, out var callee))
            {
                return new RingResult(RingOutcomes.Offline, null, T["That person is not online any more."]);
            }
            if (callee.Call is not null)
            {
                return new RingResult(RingOutcomes.Busy, null, T["{0} is busy in another call.", callee.Name]);
            }
            if (!_rings.TryTake((userId, calleeId), out var wait))
            {
                var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
                return new RingResult(RingOutcomes.TooOften, null,
                    minutes == 1
                        ? T["You have rung {0} {1} times without an answer. Try again in 1 minute.", callee.Name, options.Value.MaxRingsToOnePerson]
                        : T["You have rung {0} {1} times without an answer. Try again in {2} minutes.", callee.Name, options.Value.MaxRingsToOnePerson, minutes]);
            }

            var call = new Call(Guid.NewGuid().ToString("N"), me, callee);
            me.Call = call;
            callee.Call = call;
            _calls[call.Id] = call;
            call.RingTimer = time.CreateTimer(_ => _ = RingTimedOutAsync(call.Id), null, TimeSpan.FromSeconds(options.Value.RingTimeoutSeconds), Timeout.InfiniteTimeSpan);
            outbox.Add(() => hub.Clients.Client(callee.ConnectionId).IncomingCall(new IncomingCall(call.Id, me.AsParty)));
            outbox.PresenceChanged = true;
            result = new RingResult(RingOutcomes.Ringing, call.Id, T["Ringing {0}…", callee.Name]);
        }
        await FlushAsync(outbox);
        return result;
    }

    public Task AcceptAsync(string userId, string connectionId, string callId) => Change(userId, connectionId, callId, (me, call, outbox) =>
    {
        if (call.Active || !ReferenceEquals(call.Callee, me))
        {
            throw new HubException(T["That call is not ringing for you."]);
        }
        call.Active = true;
        call.RingTimer?.Dispose();
        _rings.Reset((call.Caller.UserId, me.UserId));
        // The callee is polite: if both sides offer at once, the callee's offer yields.
        outbox.Add(() => hub.Clients.Client(call.Caller.ConnectionId).CallStarted(new CallStarted(call.Id, call.Callee.AsParty, Polite: false)));
        outbox.Add(() => hub.Clients.Client(call.Callee.ConnectionId).CallStarted(new CallStarted(call.Id, call.Caller.AsParty, Polite: true)));
        outbox.PresenceChanged = true;
    });

    public Task DeclineAsync(string userId, string connectionId, string callId) => Change(userId, connectionId, callId, (me, call, outbox) =>
    {
        if (call.Active || !ReferenceEquals(call.Callee, me))
        {
            throw new HubException(T["That call is not ringing for you."]);
        }
        Finish(call, CallEndReasons.Declined, outbox, except: me);
    });

    public Task CancelAsync(string userId, string connectionId, string callId) => Change(userId, connectionId, callId, (me, call, outbox) =>
    {
        if (call.Active || !ReferenceEquals(call.Caller, me))
        {
            throw new HubException(T["Only the caller can cancel a call that is still ringing."]);
        }
        Finish(call, CallEndReasons.Cancelled, outbox, except: me);
    });

    public Task HangUpAsync(string userId, string connectionId, string callId) => Change(userId, connectionId, callId, (me, call, outbox) =>
        Finish(call, call.Active ? CallEndReasons.HungUp : me == call.Caller ? CallEndReasons.Cancelled : CallEndReasons.Declined, outbox, except: me));

    public async Task SignalAsync(string userId, string connectionId, string to, SignalMessage message)
    {
        message.Validate(T);
        string peerConnection;
        lock (_gate)
        {
            var me = Active(userId, connectionId);
            if (me.Call is not { Active: true } call || call.Other(me).UserId != to)
            {
                throw new HubException(T["You can only send signaling to the other person in your current call."]);
            }
            peerConnection = call.Other(me).ConnectionId;
        }
        await hub.Clients.Client(peerConnection).Signal(userId, message);
    }

    public IReadOnlyList<OnlineUser> OnlineUsers()
    {
        lock (_gate)
        {
            return Snapshot();
        }
    }

    private async Task RingTimedOutAsync(string callId)
    {
        var outbox = new CallOutbox();
        lock (_gate)
        {
            if (!_calls.TryGetValue(callId, out var call) || call.Active)
            {
                return;
            }
            Finish(call, CallEndReasons.Missed, outbox, except: null);
        }
        await FlushAsync(outbox);
    }

    private async Task Change(string userId, string connectionId, string callId, Action<Presence, Call, CallOutbox> change)
    {
        var outbox = new CallOutbox();
        lock (_gate)
        {
            var me = Active(userId, connectionId);
            if (me.Call is not { } call || call.Id != callId)
            {
                throw new HubException(T["That call has already ended."]);
            }
            change(me, call, outbox);
        }
        await FlushAsync(outbox);
    }

    /// <summary>The caller's presence, if this connection is the user's current tab.</summary>
    private Presence Active(string userId, string connectionId)
    {
        if (!_online.TryGetValue(userId, out var me) || me.ConnectionId != connectionId)
        {
            throw new HubException(T["This tab is no longer connected to calls; another tab took over. Reload to use it here."]);
        }
        return me;
    }

    private void EndCallOf(Presence me, string reasonForOther, CallOutbox outbox, bool notifySelf)
    {
        if (me.Call is { } call)
        {
            Finish(call, call.Active ? reasonForOther : me == call.Caller ? CallEndReasons.Cancelled : CallEndReasons.PeerLeft, outbox, except: notifySelf ? null : me);
        }
    }

    private void Finish(Call call, string reason, CallOutbox outbox, Presence? except)
    {
        call.RingTimer?.Dispose();
        _calls.Remove(call.Id);
        foreach (var party in new[] { call.Caller, call.Callee })
        {
            party.Call = null;
            if (!ReferenceEquals(party, except))
            {
                var connection = party.ConnectionId;
                outbox.Add(() => hub.Clients.Client(connection).CallEnded(new CallEnded(call.Id, reason)));
            }
        }
        outbox.PresenceChanged = true;
    }

    private List<OnlineUser> Snapshot() =>
        _online.Values
            .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(p => new OnlineUser(p.UserId, p.Name, p.Call switch
            {
                null => PresenceStatus.Available,
                { Active: true } => PresenceStatus.InCall,
                _ => PresenceStatus.Ringing,
            }))
            .ToList();

    private async Task FlushAsync(CallOutbox outbox)
    {
        await outbox.Messages.SendAllAsync(logger);
        if (outbox.PresenceChanged)
        {
            await _broadcast.WaitAsync();
            try
            {
                IReadOnlyList<OnlineUser> users;
                lock (_gate)
                {
                    users = Snapshot();
                }
                await hub.Clients.Group(LobbyGroup).OnlineUsers(users);
            }
            finally
            {
                _broadcast.Release();
            }
        }
    }
}
