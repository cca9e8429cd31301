// Shows every server time (rendered in UTC) in the viewer's own time zone, in the page's language.
import { language } from './text.js';

const format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });

function localizeTimes() {
    for (const element of document.querySelectorAll('time[data-local]')) {
        const when = new Date(element.dateTime);
        if (!Number.isNaN(when.getTime())) element.textContent = format.format(when);
    }
}

/** The value a datetime-local input needs for a UTC instant, in the viewer's time zone. */
export function toLocalInputValue(utcIso) {
    const when = new Date(utcIso);
    const pad = n => String(n).padStart(2, '0');
    return `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}T${pad(when.getHours())}:${pad(when.getMinutes())}`;
}

export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

localizeTimes();
