// Exam details: copy a student's personal link, or show it as a QR code.
import { t } from '../text.js';

for (const button of document.querySelectorAll('button.copy-link')) {
    button.addEventListener('click', async () => {
        try {
            await navigator.clipboard.writeText(button.dataset.link);
            button.textContent = t('Copied');
        } catch {
            // Clipboard access can be refused; selecting the text lets the teacher copy by hand.
            button.closest('td').querySelector('input.link').select();
            button.textContent = t('Press Ctrl+C');
        }
        setTimeout(() => { button.textContent = t('Copy'); }, 2000);
    });
}

// A QR code is fetched only when its panel is opened: the page may list thousands of students.
for (const panel of document.querySelectorAll('details.qr')) {
    panel.addEventListener('toggle', () => {
        const image = panel.querySelector('img');
        if (panel.open && !image.getAttribute('src')) image.src = image.dataset.src;
    });
}

// Ticking a single student fills the accommodations form with what they have now, so changing one keeps the rest.
const accommodations = document.getElementById('accommodate');
if (accommodations) {
    const ticks = [...document.querySelectorAll('input[form="accommodate"][name="Accommodate.StudentIds"]')];
    for (const tick of ticks) {
        tick.addEventListener('change', () => {
            const ticked = ticks.filter(t => t.checked);
            if (ticked.length !== 1) return;
            const only = ticked[0].dataset;
            accommodations.querySelector('input[name="Accommodate.ExtraMinutes"]').value = only.extraMinutes;
            const exempt = new Set(only.exempt ? only.exempt.split(',') : []);
            for (const box of accommodations.querySelectorAll('input[name="Accommodate.Exempt"]')) box.checked = exempt.has(box.value);
        });
    }
}

// Every student's name and link, one per line with a tab between, so a paste into a spreadsheet
// fills two columns and a paste into a message still reads as a list.
const copyAll = document.getElementById('copy-all-links');
copyAll?.addEventListener('click', async () => {
    const status = document.getElementById('copy-all-status');
    const lines = [...document.querySelectorAll('button.copy-link')].map(b => `${b.dataset.name}\t${b.dataset.link}`);
    try {
        await navigator.clipboard.writeText(lines.join('\n') + '\n');
        status.textContent = lines.length === 1 ? t('Copied {count} link.', { count: lines.length }) : t('Copied {count} links.', { count: lines.length });
    } catch {
        status.textContent = t('Your browser did not allow copying. Download the links as CSV instead.');
    }
});
