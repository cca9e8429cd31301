// The hub connection: one SignalR connection per page, with named server events and calls.
// The SignalR browser client is a classic script (wwwroot/lib) that defines `signalR`.

export function createSignaling(hubUrl, { reconnect = false } = {}) {
    const { HubConnectionBuilder, HttpTransportType, LogLevel } = globalThis.signalR;
    // Straight to a WebSocket, without the negotiate request first: every browser that runs WebRTC has WebSockets,
    // and a join or reconnect is then one request instead of two (half the server's and the page's work, one round
    // trip less, and one routing lookup less behind a balancer). The fallback transports are given up for it.
    const builder = new HubConnectionBuilder().withUrl(hubUrl, { skipNegotiation: true, transport: HttpTransportType.WebSockets });
    if (reconnect) {
        // Retry at once, then every second or two, for as long as an exam lasts: a student whose
        // network returns should be back in the proctor's grid within seconds.
        builder.withAutomaticReconnect({
            nextRetryDelayInMilliseconds: ({ previousRetryCount, elapsedMilliseconds }) =>
                elapsedMilliseconds > 6 * 60 * 60 * 1000 ? null : Math.min(1000 * previousRetryCount, 2000),
        });
    }
    const connection = builder
        .configureLogging(reconnect ? handledDropsAsWarnings(LogLevel) : LogLevel.Warning)
        // Pings every 2 s so the server notices a lost network within 6 s (RealtimeSetup.cs).
        .withKeepAliveInterval(2000)
        // Longer than the server's 6 s, so a lost network is always the server's verdict first, an error it shows as
        // "lost connection". With both at 6 s the page's timer could fire first and close the socket cleanly, which the
        // server took for leaving. A page whose network returns learns sooner anyway: its next ping hits a closed socket.
        .withServerTimeout(10000)
        .build();

    // Signals go without a completion (below); the server pushes a refusal instead, which is the page's own bug to see.
    connection.on('SignalRefused', (to, reason) => console.warn(`A signaling message to ${to} was refused: ${reason}`));

    return {
        start: () => connection.start(),
        stop: () => connection.stop(),
        on: (event, handler) => connection.on(event, handler),
        invoke: (method, ...args) => connection.invoke(method, ...args),
        /**
         * Relays one WebRTC signaling message to `to`; the server decides whether that is allowed. Sent without waiting
         * for a completion, as a relay's hot path should be (a completion costs the server a third more per message):
         * the promise settles once the message left, and a refusal comes back as SignalRefused.
         */
        send: (to, message) => connection.send('Signal', to, message),
        onClose: handler => connection.onclose(handler),
        onReconnecting: handler => connection.onreconnecting(handler),
        onReconnected: handler => connection.onreconnected(handler),
    };
}

/**
 * SignalR logs a dropped connection as an error even when the page reconnects by itself and tells the person
 * so (onReconnecting): such a drop is a warning here, so the console's errors stay the page's real faults.
 */
export function handledDropsAsWarnings(LogLevel) {
    return {
        log(level, message) {
            if (level < LogLevel.Warning) return;
            const handled = level === LogLevel.Error && /^Connection disconnected with error/.test(message);
            (level >= LogLevel.Error && !handled ? console.error : console.warn)(`[SignalR] ${message}`);
        },
    };
}

/** The server's explanation from a refused hub call, without SignalR's technical prefix. */
export function reasonOf(error) {
    const text = String(error?.message ?? error);
    const marker = 'HubException: ';
    return text.includes(marker) ? text.slice(text.indexOf(marker) + marker.length) : text;
}
