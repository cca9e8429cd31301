// A button on a proctor's tile: short text to see, and a label naming the student for screen readers
// ("Talk" on every tile would be ambiguous).
export function tileButton(label, text, className = 'secondary') {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = text;
    element.setAttribute('aria-label', label);
    element.className = className;
    return element;
}
