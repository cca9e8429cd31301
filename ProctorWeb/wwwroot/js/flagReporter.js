// Flag reports on their way to the server: kept in local storage until the server stores them.

/**
 * Keeps every flag report in local storage until `send` resolves (the server acknowledges only
 * after storing it), and sends again whatever is left once the connection is back. A flag keeps
 * its client id from start to end, so a resend updates the same record instead of adding one.
 * `onRaised(kind, clientId, atMs)` hears of every new flag (a notice for the student, a clip).
 */
export function createFlagReporter({ send, storageKey, serverNow = Date.now, onRaised, storage = globalThis.localStorage }) {
    const pending = new Map(JSON.parse(storage?.getItem(storageKey) ?? '[]'));
    const open = new Map();
    // Who waits for a flag to be on the server (a clip names its flag only once the server knows it).
    const waiting = new Map();
    let online = false;
    let flushing = null;

    const iso = ms => new Date(ms).toISOString();
    const save = () => storage?.setItem(storageKey, JSON.stringify([...pending]));
    const put = report => { pending.set(report.clientId, report); save(); flush(); };

    async function drain() {
        for (const [id, report] of pending) {
            if (!online) return;
            await send(report);
            // A newer state of the same flag may have arrived while this one was on its way.
            if (pending.get(id) === report) pending.delete(id);
            save();
            waiting.get(id)?.forEach(resolve => resolve());
            waiting.delete(id);
        }
    }

    function flush() {
        if (!online || flushing) return flushing;
        flushing = drain().catch(() => { /* stays pending; sent again on the next flush */ }).finally(() => { flushing = null; });
        return flushing;
    }

    return {
        start(kind, atMs = serverNow()) {
            const report = { clientId: crypto.randomUUID(), kind, startedAtUtc: iso(atMs), endedAtUtc: null };
            open.set(report.clientId, report);
            put(report);
            onRaised?.(kind, report.clientId, atMs);
            return report.clientId;
        },
        end(clientId, atMs = serverNow()) {
            const started = open.get(clientId);
            if (!started) return;
            open.delete(clientId);
            put({ ...started, endedAtUtc: iso(atMs) });
        },
        instant(kind, atMs = serverNow()) {
            const clientId = crypto.randomUUID();
            put({ clientId, kind, startedAtUtc: iso(atMs), endedAtUtc: iso(atMs) });
            onRaised?.(kind, clientId, atMs);
            return clientId;
        },
        /** Resolves once the server has stored the flag's start (at once if it already has). */
        stored(clientId) {
            if (!pending.has(clientId)) return Promise.resolve();
            return new Promise(resolve => waiting.set(clientId, [...(waiting.get(clientId) ?? []), resolve]));
        },
        setOnline(value) {
            online = value;
            return flush();
        },
        pendingCount: () => pending.size,
    };
}
