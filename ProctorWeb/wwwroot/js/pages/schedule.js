// Schedule form: the teacher types the start in their own time zone; the server converts it.
import { toLocalInputValue, browserTimeZone } from '../localTime.js';
import { t } from '../text.js';

const start = document.getElementById('Input_StartsAt');
const zone = document.getElementById('Input_TimeZone');
const note = document.getElementById('time-zone-note');

// The form's own proposal is the whole hour after the next one starts, on the teacher's clock: the server's
// whole hour is a half or quarter hour in zones such as India's or Nepal's.
if (start.dataset.proposed === 'true') {
    const proposal = new Date(Date.now() + 60 * 60 * 1000);
    proposal.setMinutes(0, 0, 0);
    start.value = toLocalInputValue(proposal.toISOString());
// After a failed post the field already holds what the teacher typed, in their zone: keep it.
} else if (zone.value === 'UTC' && start.dataset.utc) start.value = toLocalInputValue(start.dataset.utc);
zone.value = browserTimeZone();
note.textContent = t('Times are in your time zone ({zone}).', { zone: zone.value });
