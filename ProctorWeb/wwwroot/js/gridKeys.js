// A grid of items worked by keyboard alone: one item is in the Tab order (roving tabindex), the last one focused;
// Arrow keys, Home and End move between items, from the item or one of its buttons and links (a field keeps its
// arrow keys), and Escape is offered to the owner.

export function createGridKeys(list, { itemSelector, onEscape }) {
    let current = null;

    function rove(item) {
        if (current === item) return;
        if (current) current.tabIndex = -1;
        current = item;
        if (item) item.tabIndex = 0;
    }

    list.addEventListener('focusin', event => {
        const item = event.target.closest(itemSelector);
        if (item && list.contains(item)) rove(item);
    });
    list.addEventListener('keydown', event => {
        if (event.key === 'Escape' && onEscape?.()) {
            event.preventDefault();
            return;
        }
        const item = event.target.closest(itemSelector);
        if (!item || !(event.target === item || event.target.matches('button, a')) || event.altKey || event.ctrlKey || event.metaKey) return;
        const items = [...list.children];
        const at = items.indexOf(item);
        const columns = Math.max(1, items.filter(i => i.offsetTop === items[0].offsetTop).length);
        const to = { ArrowRight: at + 1, ArrowLeft: at - 1, ArrowDown: at + columns, ArrowUp: at - columns, Home: 0, End: items.length - 1 }[event.key];
        if (to === undefined) return;
        event.preventDefault();
        items[Math.max(0, Math.min(items.length - 1, to))]?.focus();
    });

    return {
        /** A new item: out of the Tab order, unless it is the only one. */
        added(item) {
            item.tabIndex = -1;
            if (!current) rove(item);
        },
        /** An item left the grid: if Tab would have landed on it, the first item takes its place. */
        removed(item) {
            if (current !== item) return;
            current = null;
            rove(list.firstElementChild);
        },
    };
}
