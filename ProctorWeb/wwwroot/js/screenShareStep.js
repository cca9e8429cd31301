// The exam room's screen sharing, for exams that require it: the check in the device check (after the
// camera), and during the exam the request to share again once the student stopped.
import { shareEntireScreen, describeScreenShareError } from './screenShare.js';
import { stopStream } from './video.js';
import { t } from './text.js';

/**
 * `check` is the device check's screen block, `request` the panel that asks to share again.
 * Without `required` the block stays hidden and the step always counts as passed.
 * `onChange(listener)` hears the screen's track each time sharing starts, and null when it stops.
 */
export function createScreenShareStep({ check, request }, { required }) {
    const find = selector => check.querySelector(selector);
    const preview = find('video');
    const shareButton = find('button');
    const checkError = find('.check-error');
    const requestText = request.querySelector('p');
    const listeners = [];
    let stream = null;
    let inCheck = true;
    let stopped = false;
    let asking = false;
    check.hidden = !required;

    const track = () => stream?.getVideoTracks()[0] ?? null;
    const notify = () => listeners.forEach(listener => listener(track()));

    function setResult(state, text) {
        const result = find('.check-result');
        result.dataset.state = state;
        result.textContent = text;
    }

    function explain(text) {
        if (inCheck) {
            checkError.textContent = text;
            checkError.hidden = !text;
        } else if (text) {
            requestText.textContent = text;
        }
    }

    async function share() {
        if (asking || stopped) return;
        asking = true;
        shareButton.disabled = true;
        explain('');
        try {
            const shared = await shareEntireScreen();
            // The page may have ended while the browser's picker was open.
            if (stopped) return stopStream(shared);
            stopStream(stream);
            stream = shared;
            // The browser's own "Stop sharing" ends the track; stop() by this page does not fire it.
            track().addEventListener('ended', () => ended(shared), { once: true });
            preview.srcObject = inCheck ? stream : null;
            setResult('passed', t('Your entire screen is shared.'));
            request.hidden = true;
            notify();
        } catch (error) {
            if (inCheck) setResult('failed', t('Your screen is not shared.'));
            explain(describeScreenShareError(error));
        } finally {
            asking = false;
            shareButton.disabled = stopped || Boolean(stream);
        }
    }

    function ended(which) {
        if (stream !== which || stopped) return;
        stream = null;
        preview.srcObject = null;
        shareButton.disabled = false;
        setResult('failed', t('You stopped sharing your screen.'));
        if (inCheck) {
            explain(t('This exam needs your entire screen: click "Share your entire screen" again.'));
        } else {
            requestText.textContent = t('You stopped sharing your screen. This exam needs your entire screen: share it again.');
            request.hidden = false;
        }
        notify();
    }

    shareButton.addEventListener('click', share);
    request.querySelector('button').addEventListener('click', share);

    return {
        required,
        /** Whether the student may go on: no screen needed, or the entire screen is being shared. */
        get passed() { return !required || track()?.readyState === 'live'; },
        get track() { return track(); },
        onChange: listener => listeners.push(listener),
        /** The camera works: now the student may share the screen. */
        start() {
            if (!required || stream) return;
            shareButton.disabled = false;
            setResult('pending', t('Click "Share your entire screen" and choose "Entire screen".'));
        },
        /** Leaves the device check for the exam; the hidden preview would go on drawing every frame. */
        leave() {
            inCheck = false;
            preview.srcObject = null;
        },
        back() {
            inCheck = true;
            preview.srcObject = stream;
        },
        /** Stops sharing for good, so nothing of the screen leaves this computer any more. */
        stop() {
            stopped = true;
            stopStream(stream);
            stream = null;
            preview.srcObject = null;
            shareButton.disabled = true;
            request.hidden = true;
        },
    };
}
