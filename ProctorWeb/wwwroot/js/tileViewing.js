// Which tiles of the proctor's grid are in view. A class's grid is taller than a screen, and every live tile
// costs the proctor's computer a decoder and the student's an encoder, seen or not: a tile scrolled out of view
// for a moment has its video paused, and it comes back as soon as the tile is in view again.

/**
 * Watches tiles' elements; `onChange(id, inView)` hears when a tile has been out of view for `pauseAfterMs`
 * (so that scrolling past does not pause and resume every tile on the way) and at once when it comes back.
 * `margin` counts a tile about to scroll into view as in view already, so its video is there when it is.
 */
export function watchTileViewing({ onChange, pauseAfterMs = 1000, margin = '25%' }) {
    const ids = new Map();
    const outOfView = new Set();
    const timers = new Map();

    function cancel(id) {
        clearTimeout(timers.get(id));
        timers.delete(id);
    }

    const observer = new IntersectionObserver(entries => {
        for (const { target, isIntersecting } of entries) {
            const id = ids.get(target);
            if (id === undefined) continue;
            if (isIntersecting) {
                cancel(id);
                if (outOfView.delete(id)) onChange(id, true);
            } else if (!outOfView.has(id) && !timers.has(id)) {
                timers.set(id, setTimeout(() => {
                    timers.delete(id);
                    outOfView.add(id);
                    onChange(id, false);
                }, pauseAfterMs));
            }
        }
    }, { rootMargin: margin });

    return {
        observe(id, element) {
            ids.set(element, id);
            observer.observe(element);
        },
        unobserve(id, element) {
            observer.unobserve(element);
            ids.delete(element);
            cancel(id);
            outOfView.delete(id);
        },
        /** Whether the tile of `id` has been out of view long enough to be paused. */
        isOutOfView: id => outOfView.has(id),
    };
}
