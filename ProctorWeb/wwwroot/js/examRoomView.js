// What the student sees of the exam room around the device check and the proctors: one section at
// a time, the status line, a discreet flag notice, the proctors' messages and the fullscreen request.

export function createExamRoomView(root) {
    const byId = id => document.getElementById(id);
    const sections = ['device-check', 'admission-room', 'waiting-room', 'in-exam', 'exam-over'];
    const examRequiresFullscreen = root.dataset.fullscreen === 'required';
    // A student exempt from fullscreen is not asked for it (the server says so with each state).
    let requireFullscreen = examRequiresFullscreen;
    const fullscreenRequest = byId('fullscreen-request');
    let inExam = false;
    let noticeTimer = 0;

    function show(section) {
        inExam = section === 'in-exam';
        for (const id of sections) byId(id).hidden = id !== section;
    }

    function say(text) {
        byId('room-status').textContent = text;
    }

    byId('enter-fullscreen').addEventListener('click', () => {
        document.documentElement.requestFullscreen().then(() => { fullscreenRequest.hidden = true; })
            .catch(error => say(`Fullscreen was refused: ${error.message}`));
    });
    document.addEventListener('fullscreenchange', () => {
        if (inExam && requireFullscreen) fullscreenRequest.hidden = Boolean(document.fullscreenElement);
    });

    return {
        show,
        say,
        get requireFullscreen() { return requireFullscreen; },
        fullscreenExempt(exempt) {
            requireFullscreen = examRequiresFullscreen && !exempt;
            if (!requireFullscreen) fullscreenRequest.hidden = true;
        },
        selfView: byId('self-view'),
        /** The exam itself: the student sees their camera as the proctors do, and the fullscreen request if needed. */
        showExam(camera, extraMinutes = 0) {
            show('in-exam');
            byId('extra-time').hidden = !(extraMinutes > 0);
            byId('extra-time').textContent = extraMinutes > 0 ? `(your time includes ${extraMinutes} extra minutes)` : '';
            byId('self-view').srcObject = camera;
            fullscreenRequest.hidden = !requireFullscreen || Boolean(document.fullscreenElement);
        },
        showOver(text) {
            byId('self-view').srcObject = null;
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
        addMessage({ from, text, toEveryone }) {
            const item = document.createElement('li');
            const who = document.createElement('strong');
            who.textContent = toEveryone ? `Announcement from ${from}: ` : `${from} to you: `;
            item.append(who, document.createTextNode(text));
            byId('message-list').append(item);
            byId('messages').hidden = false;
        },
    };
}
