// The hub connection: one SignalR connection per page, with named server events and calls.
// The SignalR browser client is a classic script (wwwroot/lib) that defines `signalR`.

export function createSignaling(hubUrl) {
    const { HubConnectionBuilder, LogLevel } = globalThis.signalR;
    const connection = new HubConnectionBuilder()
        .withUrl(hubUrl)
        .configureLogging(LogLevel.Warning)
        // Pings every 2 s so the server notices a lost network within seconds (see CallsSetup.cs).
        .withKeepAliveInterval(2000)
        .withServerTimeout(6000)
        .build();

    return {
        start: () => connection.start(),
        stop: () => connection.stop(),
        on: (event, handler) => connection.on(event, handler),
        invoke: (method, ...args) => connection.invoke(method, ...args),
        /** Relays one WebRTC signaling message to `to`; the server decides whether that is allowed. */
        send: (to, message) => connection.invoke('Signal', to, message),
        onClose: handler => connection.onclose(handler),
    };
}

/** The server's explanation from a refused hub call, without SignalR's technical prefix. */
export function reasonOf(error) {
    const text = String(error?.message ?? error);
    const marker = 'HubException: ';
    return text.includes(marker) ? text.slice(text.indexOf(marker) + marker.length) : text;
}
