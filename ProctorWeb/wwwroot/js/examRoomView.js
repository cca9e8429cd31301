// What the student sees of the exam room around the device check and the proctors: one section at
// a time, the status line, a discreet flag notice, the proctors' messages and the fullscreen request.
import { t } from './text.js';

export function createExamRoomView(root) {
    const byId = id => document.getElementById(id);
    const sections = ['device-check', 'admission-room', 'waiting-room', 'in-exam', 'exam-over'];
    const examRequiresFullscreen = root.dataset.fullscreen === 'required';
    // A student exempt from fullscreen is not asked for it (the server says so with each state).
    let requireFullscreen = examRequiresFullscreen;
    // Without the Fullscreen API (iPhone Safari) there is nothing to ask for: the proctors are told instead.
    const canFullscreen = Boolean(document.fullscreenEnabled);
    const fullscreenRequest = byId('fullscreen-request');
    let current = null;
    let noticeTimer = 0;

    // Offered from the waiting room on, so a student can be in fullscreen before the exam starts.
    function showFullscreenRequest() {
        const offered = requireFullscreen && canFullscreen && (current === 'waiting-room' || current === 'in-exam');
        fullscreenRequest.hidden = !offered || Boolean(document.fullscreenElement);
    }

    function show(section) {
        current = section;
        for (const id of sections) byId(id).hidden = id !== section;
        showFullscreenRequest();
    }

    function say(text) {
        byId('room-status').textContent = text;
    }

    byId('enter-fullscreen').addEventListener('click', () => {
        document.documentElement.requestFullscreen().then(() => { fullscreenRequest.hidden = true; })
            .catch(error => say(t('Fullscreen was refused: {reason}', { reason: error.message })));
    });
    document.addEventListener('fullscreenchange', showFullscreenRequest);

    return {
        show,
        say,
        get requireFullscreen() { return requireFullscreen; },
        /** The exam asks for fullscreen and this device has none: the proctors should know it is not flagged. */
        get fullscreenUnavailable() { return requireFullscreen && !canFullscreen; },
        fullscreenExempt(exempt) {
            requireFullscreen = examRequiresFullscreen && !exempt;
            showFullscreenRequest();
        },
        selfView: byId('self-view'),
        /** The exam itself: the student sees their camera as the proctors do, and the fullscreen request if needed. */
        showExam(camera, extraMinutes = 0) {
            show('in-exam');
            byId('extra-time').hidden = !(extraMinutes > 0);
            byId('extra-time').textContent = extraMinutes > 0 ? t('(your time includes {minutes} extra minutes)', { minutes: extraMinutes }) : '';
            byId('self-view').srcObject = camera;
        },
        showOver(text, heading = t('Exam over')) {
            byId('self-view').srcObject = null;
            byId('over-heading').textContent = heading;
            byId('over-text').textContent = text;
            show('exam-over');
            say('');
        },
        /** A discreet note that a flag was raised, so nothing is recorded behind the student's back. */
        notice(text) {
            const element = byId('flag-notice');
            element.textContent = text;
            element.hidden = false;
            clearTimeout(noticeTimer);
            noticeTimer = setTimeout(() => { element.hidden = true; }, 6000);
        },
        /** A proctor's message, or with `fromStudent` the student's own to the proctors. */
        addMessage({ from, text, toEveryone, fromStudent = false }) {
            const item = document.createElement('li');
            const who = document.createElement('strong');
            who.textContent = fromStudent ? t('You to your proctors:') : toEveryone ? t('Announcement from {name}:', { name: from }) : t('{name} to you:', { name: from });
            item.append(who, ' ', document.createTextNode(text));
            byId('message-list').append(item);
            byId('messages').hidden = false;
        },
    };
}
