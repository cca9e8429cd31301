// The exam room's device check: the camera starts, the microphone is heard and video crosses a
// local connection before the student may continue. The camera it opens is the exam's camera.
import { openCameraAndMicrophone, describeMediaError, stopStream, examCamera } from './video.js';
import { startMicrophoneMeter, runConnectionSelfTest } from './deviceCheck.js';
import { t } from './text.js';

/**
 * `checks` are further steps the exam requires (such as sharing the screen), each with `passed`,
 * `onChange(listener)`, `start()` once the camera works, and `leave()`, `back()` and `stop()` as below:
 * the student may continue only when every one of them has passed too.
 */
export function createDeviceCheckStep(section, { checks = [] } = {}) {
    const find = selector => section.querySelector(selector);
    const preview = find('#check-preview');
    const continueButton = find('#continue');
    let camera = null;
    let meter = null;
    let devicesPassed = false;
    let inCheck = true;

    const updateContinue = () => {
        continueButton.disabled = !(inCheck && devicesPassed && checks.every(check => check.passed));
    };
    for (const check of checks) check.onChange(updateContinue);

    function setCheck(id, state, text) {
        const result = find(`#${id} .check-result`);
        result.dataset.state = state;
        result.textContent = text;
    }

    function fail(message) {
        find('#device-error-text').textContent = message;
        find('#device-error').hidden = false;
    }

    async function run() {
        find('#device-error').hidden = true;
        devicesPassed = false;
        updateContinue();
        meter?.stop();
        stopStream(camera);
        setCheck('camera-check', 'pending', t('Starting your camera…'));
        setCheck('microphone-check', 'pending', t('Say something: the bar should move.'));
        setCheck('connection-check', 'pending', t('Waiting for the camera…'));
        try {
            camera = await openCameraAndMicrophone(examCamera);
        } catch (error) {
            setCheck('camera-check', 'failed', t('Camera and microphone could not start.'));
            return fail(describeMediaError(error));
        }
        preview.srcObject = camera;
        setCheck('camera-check', 'passed', t('Your camera works.'));
        checks.forEach(check => check.start(preview));

        meter = startMicrophoneMeter(camera, find('#mic-level'));
        setCheck('connection-check', 'pending', t('Testing the connection…'));
        const [heard, connected] = await Promise.all([meter.heard(10_000), runConnectionSelfTest(camera).catch(() => false)]);
        setCheck('microphone-check', heard ? 'passed' : 'failed', heard ? t('We can hear you.') : t('We hear nothing.'));
        setCheck('connection-check', connected ? 'passed' : 'failed', connected ? t('Video can travel over your connection.') : t('Video could not travel over your connection.'));
        if (!heard) return fail(t('Your microphone is silent. Check that it is not muted or switched off, then try again.'));
        if (!connected) return fail(t('The connection test failed. Disable VPNs or firewalls that block video calls, or try another network, then try again.'));
        devicesPassed = true;
        updateContinue();
    }

    find('#retry-devices').addEventListener('click', run);

    return {
        run,
        get camera() { return camera; },
        /** Leaves the check for the exam. The hidden preview would go on drawing every camera frame. */
        leave() {
            inCheck = false;
            updateContinue();
            meter?.stop();
            preview.srcObject = null;
            checks.forEach(check => check.leave());
        },
        /** Comes back to the passed check when the server would not let the student in. */
        back() {
            inCheck = true;
            preview.srcObject = camera;
            checks.forEach(check => check.back());
            updateContinue();
        },
        /** Stops the meter, the camera and every further check (a shared screen), so nothing is captured any more. */
        stop() {
            meter?.stop();
            stopStream(camera);
            camera = null;
            preview.srcObject = null;
            checks.forEach(check => check.stop());
        },
    };
}
