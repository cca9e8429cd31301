// The exam room's device check: the camera starts, the microphone is heard and video crosses a
// local connection before the student may continue. The camera it opens is the exam's camera.
// Further steps the exam asks for (the ID check) must be done too; each says so through `done`.
import { openCameraAndMicrophone, describeMediaError, stopStream, examCamera } from './video.js';
import { startMicrophoneMeter, runConnectionSelfTest } from './deviceCheck.js';

/** `steps` are further steps with a `done` property; `onCamera(preview)` hears when the camera shows a picture. */
export function createDeviceCheckStep(section, { steps = [], onCamera } = {}) {
    const find = selector => section.querySelector(selector);
    const preview = find('#check-preview');
    const continueButton = find('#continue');
    let camera = null;
    let meter = null;
    let passed = false;

    const allowContinue = () => { continueButton.disabled = !(passed && steps.every(step => step.done)); };

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
        passed = false;
        allowContinue();
        meter?.stop();
        stopStream(camera);
        setCheck('camera-check', 'pending', 'Starting your camera…');
        setCheck('microphone-check', 'pending', 'Say something: the bar should move.');
        setCheck('connection-check', 'pending', 'Waiting for the camera…');
        try {
            camera = await openCameraAndMicrophone(examCamera);
        } catch (error) {
            setCheck('camera-check', 'failed', 'Camera and microphone could not start.');
            return fail(describeMediaError(error));
        }
        preview.srcObject = camera;
        setCheck('camera-check', 'passed', 'Your camera works.');
        onCamera?.(preview);

        meter = startMicrophoneMeter(camera, find('#mic-level'));
        setCheck('connection-check', 'pending', 'Testing the connection…');
        const [heard, connected] = await Promise.all([meter.heard(10_000), runConnectionSelfTest(camera).catch(() => false)]);
        setCheck('microphone-check', heard ? 'passed' : 'failed', heard ? 'We can hear you.' : 'We hear nothing.');
        setCheck('connection-check', connected ? 'passed' : 'failed', connected ? 'Video can travel over your connection.' : 'Video could not travel over your connection.');
        if (!heard) return fail('Your microphone is silent. Check that it is not muted or switched off, then try again.');
        if (!connected) return fail('The connection test failed. Disable VPNs or firewalls that block video calls, or try another network, then try again.');
        passed = true;
        allowContinue();
    }

    find('#retry-devices').addEventListener('click', run);

    return {
        run,
        /** A further step changed: Continue follows. */
        stepsChanged: allowContinue,
        get camera() { return camera; },
        /** Leaves the check for the exam. The hidden preview would go on drawing every camera frame. */
        leave() {
            continueButton.disabled = true;
            meter?.stop();
            preview.srcObject = null;
        },
        /** Comes back to the passed check when the server would not let the student in. */
        back() {
            preview.srcObject = camera;
            allowContinue();
        },
        /** Stops the meter and the camera, so the camera light goes off. */
        stop() {
            meter?.stop();
            stopStream(camera);
            camera = null;
            preview.srcObject = null;
        },
    };
}
