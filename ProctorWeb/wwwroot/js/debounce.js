// A condition that must hold for a while before it counts, so a flicker never becomes a flag.

/**
 * A condition that becomes a flag only once it has held for `graceMs`, and ends only once it has
 * been gone for `graceMs`. The flag's times are those of the condition itself. Clock and timers
 * can be replaced for tests.
 */
export function createDebouncedCondition({ graceMs, onStart, onEnd, now = Date.now, setTimer = setTimeout, clearTimer = clearTimeout }) {
    let active = false;
    let flagged = false;
    let timer = null;
    return {
        set(value) {
            value = Boolean(value);
            if (value === active) return;
            active = value;
            clearTimer(timer);
            timer = null;
            const changedAt = now();
            if (active && !flagged) {
                timer = setTimer(() => { flagged = true; onStart(changedAt); }, graceMs);
            } else if (!active && flagged) {
                timer = setTimer(() => { flagged = false; onEnd(changedAt); }, graceMs);
            }
        },
        get flagged() { return flagged; },
        dispose() { clearTimer(timer); },
    };
}
