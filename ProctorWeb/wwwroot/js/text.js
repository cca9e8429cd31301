// The page's words in the reader's language. The server puts the table in every page (ClientTextTable):
// English text → the reader's text, and each flag kind's label. The English text is the key, so a module
// reads as English and a missing translation still shows words rather than a key.

const table = (() => {
    const element = document.getElementById('ui-text');
    try {
        return element ? JSON.parse(element.textContent) : {};
    } catch {
        return {};
    }
})();
const words = table.text ?? {};
const flags = table.flags ?? {};

/** The page's language tag ("en", "zh-CN"), for dates and numbers. */
export const language = document.documentElement.lang || 'en';

/** `english` in the reader's language, with each {name} filled from `values`: t('Talk to {name}', { name }). */
export function t(english, values = {}) {
    const template = words[english] ?? english;
    return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** A flag kind in words ("left-page" → "Left the exam page"); a kind this page does not know, in its own words. */
export function flagLabel(kind) {
    if (flags[kind]) return flags[kind];
    const plain = String(kind).replace(/[-_]/g, ' ').trim();
    return plain ? plain[0].toUpperCase() + plain.slice(1) : t('Unknown');
}

/** A time of day in the reader's language ("10:40"). */
export const shortTime = when => new Date(when).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' });
