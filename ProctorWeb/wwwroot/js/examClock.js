// Countdowns that follow the server's clock, not the browser's: the offset comes with every state.

export function createExamClock() {
    let offset = 0;
    let timer = 0;

    const now = () => Date.now() + offset;

    function format(ms) {
        const total = Math.max(0, Math.round(ms / 1000));
        const h = Math.floor(total / 3600);
        const m = Math.floor((total % 3600) / 60);
        const s = total % 60;
        const pad = n => String(n).padStart(2, '0');
        return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
    }

    return {
        /** The server's time now, in milliseconds since the epoch. */
        serverNow: now,
        /** A browser timestamp moved onto the server's clock. */
        toServerTime: browserMs => browserMs + offset,
        sync(serverNowUtc) {
            offset = Date.parse(serverNowUtc) - Date.now();
        },
        /** Shows the time left until `targetUtc` in `element`, every second. */
        countDown(element, targetUtc) {
            clearInterval(timer);
            const target = Date.parse(targetUtc);
            const tick = () => { element.textContent = format(target - now()); };
            tick();
            timer = setInterval(tick, 1000);
        },
        /**
         * Shows "Starts in", "Ends in", then while students have extra minutes left "Extra time ends in", then
         * "Exam over" in `element`, every second; calls `onOver` once at the last end.
         * A bare countdown before the start would read as the time left to write.
         */
        countDownExam(element, { startsAtUtc, endsAtUtc, lastEndsAtUtc }, onOver) {
            clearInterval(timer);
            const start = Date.parse(startsAtUtc);
            const end = Date.parse(endsAtUtc);
            const lastEnd = Math.max(end, Date.parse(lastEndsAtUtc));
            let over = false;
            const tick = () => {
                const at = now();
                if (at < start) element.textContent = `Starts in ${format(start - at)}`;
                else if (at < end) element.textContent = `Ends in ${format(end - at)}`;
                else if (at < lastEnd) element.textContent = `Extra time ends in ${format(lastEnd - at)}`;
                else {
                    element.textContent = 'Exam over';
                    clearInterval(timer);
                    if (!over) { over = true; onOver?.(); }
                }
            };
            tick();
            timer = setInterval(tick, 1000);
        },
        stop() {
            clearInterval(timer);
        },
    };
}
