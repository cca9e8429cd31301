// Countdowns that follow the server's clock, not the browser's: the offset comes with every state.
// The end's milestones ("10 minutes left", "5 minutes left") are read out once each by screen readers.
import { t } from './text.js';
import { announce as announceToPage } from './announcer.js';

/** How many minutes before an end a screen reader is told how long is left, largest first. */
export const milestoneMinutes = [10, 5];

/**
 * The milestone passed between two moments of a countdown to `endMs`: the minutes of the latest one whose
 * moment lies after `fromMs` and at or before `toMs`, or null. After a sleeping laptop wakes, only the
 * milestone that is true now is said.
 */
export function milestonePassed(fromMs, toMs, endMs, minutes = milestoneMinutes) {
    const passed = minutes.filter(m => {
        const at = endMs - m * 60_000;
        return fromMs < at && at <= toMs && toMs < endMs;
    });
    return passed.length ? Math.min(...passed) : null;
}

/**
 * `now` is the browser's clock (for tests), `tickMs` how often the countdowns update, `announce` where
 * milestones are said (the page's live region).
 */
export function createExamClock({ now: browserNow = Date.now, tickMs = 1000, announce = announceToPage } = {}) {
    let offset = 0;
    let timer = 0;
    // The end whose milestones are being watched, and up to when: a countdown started again towards the
    // same end (each new state restarts it) says nothing twice; one towards a moved end (extra time) starts afresh.
    let watched = { endMs: NaN, checkedMs: 0 };

    const now = () => browserNow() + offset;

    function format(ms) {
        const total = Math.max(0, Math.round(ms / 1000));
        const h = Math.floor(total / 3600);
        const m = Math.floor((total % 3600) / 60);
        const s = total % 60;
        const pad = n => String(n).padStart(2, '0');
        return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
    }

    /** Starts watching `endMs` from now: milestones already behind are not said. */
    function watch(endMs) {
        if (watched.endMs !== endMs) watched = { endMs, checkedMs: now() };
    }

    function sayMilestone(at) {
        const minutes = milestonePassed(watched.checkedMs, at, watched.endMs);
        watched.checkedMs = Math.max(watched.checkedMs, at);
        if (minutes !== null) announce(t('{minutes} minutes left', { minutes }));
    }

    return {
        /** The server's time now, in milliseconds since the epoch. */
        serverNow: now,
        /** A browser timestamp moved onto the server's clock. */
        toServerTime: browserMs => browserMs + offset,
        sync(serverNowUtc) {
            offset = Date.parse(serverNowUtc) - browserNow();
        },
        /**
         * Shows the time left until `targetUtc` in `element`, every second. With `milestones` (the time left to
         * write, not the wait for the start) "10 minutes left" and "5 minutes left" are announced once each.
         */
        countDown(element, targetUtc, { milestones = false } = {}) {
            clearInterval(timer);
            const target = Date.parse(targetUtc);
            if (milestones) watch(target);
            const tick = () => {
                const at = now();
                element.textContent = format(target - at);
                if (milestones) sayMilestone(at);
            };
            tick();
            timer = setInterval(tick, tickMs);
        },
        /**
         * Shows "Starts in", "Ends in", then while students have extra minutes left "Extra time ends in", then
         * "Exam over" in `element`, every second; calls `onOver` once at the last end. The exam's end's
         * milestones are announced once each. A bare countdown before the start would read as the time left to write.
         */
        countDownExam(element, { startsAtUtc, endsAtUtc, lastEndsAtUtc }, onOver) {
            clearInterval(timer);
            const start = Date.parse(startsAtUtc);
            const end = Date.parse(endsAtUtc);
            const lastEnd = Math.max(end, Date.parse(lastEndsAtUtc));
            watch(end);
            let over = false;
            const tick = () => {
                const at = now();
                sayMilestone(at);
                if (at < start) element.textContent = t('Starts in {time}', { time: format(start - at) });
                else if (at < end) element.textContent = t('Ends in {time}', { time: format(end - at) });
                else if (at < lastEnd) element.textContent = t('Extra time ends in {time}', { time: format(lastEnd - at) });
                else {
                    element.textContent = t('Exam over');
                    clearInterval(timer);
                    if (!over) { over = true; onOver?.(); }
                }
            };
            tick();
            timer = setInterval(tick, tickMs);
        },
        stop() {
            clearInterval(timer);
        },
    };
}
