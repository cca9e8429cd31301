// Tells screen-reader users what happened (a flag, a message, a milestone) without moving their focus:
// each announcement is added to the page's polite live region, and only the last few are kept.

const kept = 5;

export function announce(text) {
    const region = document.getElementById('announcements');
    if (!region || !text) return;
    const line = document.createElement('p');
    line.textContent = text;
    region.append(line);
    while (region.childElementCount > kept) region.firstElementChild.remove();
}
