// Schedule form: the teacher types the start in their own time zone; the server converts it.
import { toLocalInputValue, browserTimeZone } from '../localTime.js';

const start = document.getElementById('Input_StartsAt');
const zone = document.getElementById('Input_TimeZone');
const note = document.getElementById('time-zone-note');

// After a failed post the field already holds what the teacher typed, in their zone: keep it.
if (zone.value === 'UTC' && start.dataset.utc) start.value = toLocalInputValue(start.dataset.utc);
zone.value = browserTimeZone();
note.textContent = `Times are in your time zone (${zone.value}).`;
