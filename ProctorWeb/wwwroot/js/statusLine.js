// A page's status line, where a passing warning can be withdrawn without erasing newer news.

export function createStatusLine(element) {
    let warning = false;
    const say = text => {
        element.textContent = text;
        warning = false;
    };
    return {
        say,
        /** Shows `text` until something else is said or the warning is withdrawn. */
        warn(text) {
            element.textContent = text;
            warning = true;
        },
        withdrawWarning() {
            if (warning) say('');
        },
    };
}
