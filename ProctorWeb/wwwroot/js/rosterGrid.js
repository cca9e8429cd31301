// The proctor's grid of students: status, live video, flag badges and the order of the tiles.
import { createTileAdmission } from './tileAdmission.js';

const tileStatusLabels = {
    'not-joined': 'Not joined',
    checking: 'Checking devices',
    waiting: 'Waiting',
    'awaiting-admission': 'Awaiting admission',
    live: 'Live',
    reconnecting: 'Reconnecting',
    left: 'Left',
    finished: 'Finished',
    rejected: 'Not admitted',
};

const present = new Set(['checking', 'waiting', 'awaiting-admission', 'live', 'reconnecting']);

/** Past the device check and not finished: the student's camera comes to the proctors (as on the server). */
export const onCamera = status => ['waiting', 'awaiting-admission', 'live'].includes(status);

/**
 * The proctor's grid: one tile per student on the roster, with status, live video, and buttons
 * to enlarge the tile or talk to the student. Only one tile is enlarged at a time.
 */
export function createRosterGrid(list, { onEnlarge, onTalk, onChange, timelineUrl, photoUrl, onAdmit, onReject }) {
    const tiles = new Map();
    let enlarged = null;

    function tileFor(student) {
        let tile = tiles.get(student.id);
        if (tile) return tile;
        const item = document.createElement('li');
        item.className = 'tile';
        item.setAttribute('aria-label', student.name);
        const video = document.createElement('video');
        video.autoplay = true;
        video.playsInline = true;
        video.muted = true;
        video.setAttribute('aria-label', `${student.name}'s camera`);
        const bar = document.createElement('div');
        bar.className = 'tile-bar';
        const name = document.createElement('span');
        name.className = 'name';
        name.textContent = student.name;
        const status = document.createElement('span');
        status.className = 'status';
        const enlarge = button(`Enlarge ${student.name}`, 'Enlarge');
        const talk = button(`Talk to ${student.name}`, 'Talk');
        const timeline = document.createElement('a');
        timeline.href = timelineUrl(student.id);
        timeline.target = '_blank';
        timeline.rel = 'noopener';
        timeline.textContent = 'Timeline';
        timeline.setAttribute('aria-label', `Timeline of ${student.name}`);
        bar.append(name, status, enlarge, talk, timeline);
        const badges = document.createElement('ul');
        badges.className = 'badges';
        badges.setAttribute('aria-label', `Flags of ${student.name}`);
        const admission = createTileAdmission(student.name, {
            photoUrl: kind => photoUrl(student.id, kind),
            onAdmit: () => onAdmit(student.id),
            onReject: reason => onReject(student.id, reason),
        });
        item.append(video, bar, badges, admission.element);
        tile = { student, item, video, status, enlarge, talk, badges, admission, talking: false, openFlags: 0 };
        const toggle = () => setEnlarged(enlarged === student.id ? null : student.id);
        enlarge.addEventListener('click', toggle);
        // Clicking the picture itself enlarges too; the button is there for keyboards and screen readers.
        video.addEventListener('click', toggle);
        talk.addEventListener('click', () => onTalk(student.id, !tile.talking));
        tiles.set(student.id, tile);
        list.append(item);
        return tile;
    }

    function setEnlarged(id) {
        const previous = enlarged;
        enlarged = id;
        for (const [tileId, tile] of tiles) {
            const on = tileId === id;
            tile.item.classList.toggle('enlarged', on);
            tile.enlarge.textContent = on ? 'Shrink' : 'Enlarge';
            tile.enlarge.setAttribute('aria-label', `${on ? 'Shrink' : 'Enlarge'} ${tile.student.name}`);
            tile.video.muted = !(on || tile.talking);
        }
        if (previous !== null && previous !== id) onEnlarge(previous, false);
        if (id !== null) onEnlarge(id, true);
    }

    function update(student) {
        const tile = tileFor(student);
        tile.student = student;
        tile.item.dataset.status = student.status;
        tile.status.textContent = tileStatusLabels[student.status] ?? student.status;
        tile.talk.disabled = !onCamera(student.status);
        tile.admission.update(student);
        if (!onCamera(student.status)) {
            tile.video.srcObject = null;
            if (enlarged === student.id) setEnlarged(null);
        }
        onChange?.();
    }

    return {
        render(students) {
            for (const student of students) update(student);
        },
        update,
        remove(id) {
            const tile = tiles.get(id);
            if (!tile) return;
            if (enlarged === id) setEnlarged(null);
            tile.item.remove();
            tiles.delete(id);
            onChange?.();
        },
        /** The student took or retook an ID photo of this kind. */
        photoTaken(id, kind) {
            tiles.get(id)?.admission.showPhoto(kind, true);
        },
        showStream(id, stream) {
            const tile = tiles.get(id);
            if (tile && tile.video.srcObject !== stream) tile.video.srcObject = stream;
        },
        setTalking(id, talking) {
            const tile = tiles.get(id);
            if (!tile) return;
            tile.talking = talking;
            tile.talk.textContent = talking ? 'Stop talking' : 'Talk';
            tile.talk.setAttribute('aria-label', `${talking ? 'Stop talking to' : 'Talk to'} ${tile.student.name}`);
            tile.item.classList.toggle('talking', talking);
            tile.video.muted = !(talking || enlarged === id);
        },
        /** One badge per kind of flag not dismissed; red while a flag is still going on. */
        setFlags(id, flags) {
            const tile = tiles.get(id);
            if (!tile) return;
            const byKind = new Map();
            for (const flag of flags.filter(f => f.review !== 'dismissed')) {
                const entry = byKind.get(flag.kind) ?? { label: flag.label, count: 0, active: false };
                entry.count += 1;
                entry.active ||= !flag.endedAtUtc;
                byKind.set(flag.kind, entry);
            }
            tile.badges.replaceChildren(...[...byKind.values()].map(({ label, count, active }) => {
                const badge = document.createElement('li');
                badge.className = active ? 'badge active' : 'badge';
                badge.textContent = count > 1 ? `${label} ×${count}` : label;
                return badge;
            }));
            tile.openFlags = flags.filter(f => f.review === 'open').length;
        },
        /** Students with open flags first (most first), the rest by name; or everyone by name. */
        sort(flaggedFirst) {
            const ordered = [...tiles.values()].sort((a, b) =>
                (flaggedFirst ? b.openFlags - a.openFlags : 0) || a.student.name.localeCompare(b.student.name));
            list.append(...ordered.map(t => t.item));
        },
        isEnlarged: id => enlarged === id,
        students: () => [...tiles.values()].map(t => t.student),
        counts() {
            const all = [...tiles.values()];
            return { joined: all.filter(t => present.has(t.student.status)).length, expected: all.length };
        },
    };
}

function button(label, text) {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = text;
    element.setAttribute('aria-label', label);
    element.className = 'secondary';
    return element;
}
