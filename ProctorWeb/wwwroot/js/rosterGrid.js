// The proctor's grid of students: status, live video, flag badges and the order of the tiles.
import { createTileAdmission } from './tileAdmission.js';
import { createTileContact } from './tileContact.js';
import { tileButton } from './tileButton.js';
import { createGridKeys } from './gridKeys.js';
import { t, flagLabel, language, shortTime } from './text.js';

const tileStatusLabels = {
    'not-joined': t('Not joined'),
    checking: t('Checking devices'),
    waiting: t('Waiting'),
    'awaiting-admission': t('Awaiting admission'),
    live: t('Live'),
    reconnecting: t('Reconnecting'),
    left: t('Left'),
    finished: t('Finished'),
    rejected: t('Not admitted'),
};

/** "+10 min, ends 10:40 · Exempt: Fullscreen, Voice", or "" for a student without accommodations. */
export function describeAccommodation({ extraMinutes, endsAtUtc, exemptions }) {
    const parts = [];
    if (extraMinutes > 0) {
        parts.push(t('+{minutes} min, ends {time}', { minutes: extraMinutes, time: shortTime(endsAtUtc) }));
    }
    // The server sends the exemptions' English labels to every proctor; each reads them in their own language.
    if (exemptions.length > 0) parts.push(t('Exempt: {list}', { list: exemptions.map(label => t(label)).join(listSeparator) }));
    return parts.join(' · ');
}

// Between the items of a list of words: "Fullscreen, Voice", "全屏、说话声".
const listSeparator = language.startsWith('zh') ? '、' : ', ';

const present = new Set(['checking', 'waiting', 'awaiting-admission', 'live', 'reconnecting']);

/** Seated and not finished: the student can be written to (as on the server), even during the device check. */
export const reachable = status => ['checking', 'waiting', 'awaiting-admission', 'live'].includes(status);

/** Past the device check and not finished: the student's camera comes to the proctors (as on the server). */
export const onCamera = status => ['waiting', 'awaiting-admission', 'live'].includes(status);

/**
 * The proctor's grid: one tile per student on the roster, with status, live video, and buttons
 * to enlarge the tile or talk to the student. Only one tile is enlarged at a time.
 * With `screenShare` (the exam requires it) each tile shows the student's screen beside the camera:
 * the proctor needs both at once, as either may show what the other hides, and the small screen
 * costs little to decode. `onEnlarge(id, enlarged, screen)` hears which picture grows or shrinks.
 * `viewing` (see tileViewing.js) is told of every tile, to learn which are in view.
 * With the keyboard alone: one tile is in the Tab order (roving tabindex), Arrow keys, Home and End move between
 * tiles, Tab goes through the tile's buttons, and Escape shrinks the enlarged tile. Tiles change in place and
 * reorder without losing the focus, so a flag or a message arriving never moves a keyboard user.
 */
export function createRosterGrid(list, { onEnlarge, onTalk, onKeep, onChange, timelineUrl, photoUrl, onAdmit, onReject, onReply, onLowerHand, onHand, screenShare = false, viewing }) {
    const tiles = new Map();
    // { id, screen }: the tile enlarged, and whether for its screen rather than its camera.
    let enlarged = null;
    list.classList.toggle('with-screens', screenShare);
    const keys = createGridKeys(list, {
        itemSelector: '.tile',
        onEscape: () => {
            if (!enlarged) return false;
            setEnlarged(null);
            return true;
        },
    });

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
        video.setAttribute('aria-label', t("{name}'s camera", { name: student.name }));
        const bar = document.createElement('div');
        bar.className = 'tile-bar';
        const name = document.createElement('span');
        name.className = 'name';
        name.textContent = student.name;
        const status = document.createElement('span');
        status.className = 'status';
        const enlarge = tileButton(t('Enlarge {name}', { name: student.name }), t('Enlarge'));
        const talk = tileButton(t('Talk to {name}', { name: student.name }), t('Talk'));
        const keep = tileButton(t('Keep a clip of {name}', { name: student.name }), t('Keep a clip'));
        const timeline = document.createElement('a');
        timeline.href = timelineUrl(student.id);
        timeline.target = '_blank';
        timeline.rel = 'noopener';
        timeline.textContent = t('Timeline');
        timeline.setAttribute('aria-label', t('Timeline of {name}', { name: student.name }));
        bar.append(name, status, enlarge, talk, keep, timeline);
        const badges = document.createElement('ul');
        badges.className = 'badges';
        badges.setAttribute('aria-label', t('Flags of {name}', { name: student.name }));
        const accommodation = document.createElement('p');
        accommodation.className = 'accommodation';
        accommodation.setAttribute('aria-label', t('Accommodations of {name}', { name: student.name }));
        accommodation.hidden = true;
        const admission = createTileAdmission(student.name, {
            photoUrl: kind => photoUrl(student.id, kind),
            onAdmit: () => onAdmit(student.id),
            onReject: reason => onReject(student.id, reason),
        });
        const contact = createTileContact(student.name, { onReply: () => onReply(student.id), onLowerHand: () => onLowerHand(student.id) });
        tile = { student, item, video, status, enlarge, talk, keep, badges, accommodation, admission, contact, talking: false, openFlags: 0 };
        if (screenShare) {
            Object.assign(tile, screenParts(student));
            bar.insertBefore(tile.enlargeScreen, talk);
            const pictures = document.createElement('div');
            pictures.className = 'pictures';
            pictures.append(video, tile.screenView);
            item.append(pictures, bar, contact.element, accommodation, badges, admission.element);
        } else {
            item.append(video, bar, contact.element, accommodation, badges, admission.element);
        }
        const toggle = screen => () => setEnlarged(enlarged?.id === student.id && enlarged.screen === screen ? null : { id: student.id, screen });
        enlarge.addEventListener('click', toggle(false));
        // Clicking the picture itself enlarges too; the button is there for keyboards and screen readers.
        video.addEventListener('click', toggle(false));
        tile.enlargeScreen?.addEventListener('click', toggle(true));
        tile.screen?.addEventListener('click', toggle(true));
        talk.addEventListener('click', () => onTalk(student.id, !tile.talking));
        keep.addEventListener('click', () => onKeep(student.id));
        tiles.set(student.id, tile);
        list.append(item);
        keys.added(item);
        viewing?.observe(student.id, item);
        return tile;
    }

    function setEnlarged(next) {
        const previous = enlarged;
        enlarged = next;
        for (const [tileId, tile] of tiles) {
            const on = tileId === next?.id;
            const camera = on && !next.screen;
            tile.item.classList.toggle('enlarged', on);
            tile.enlarge.textContent = camera ? t('Shrink') : t('Enlarge');
            tile.enlarge.setAttribute('aria-label', camera ? t('Shrink {name}', { name: tile.student.name }) : t('Enlarge {name}', { name: tile.student.name }));
            tile.video.muted = !(on || tile.talking);
            if (!tile.enlargeScreen) continue;
            const screen = on && next.screen;
            tile.item.classList.toggle('screen-enlarged', screen);
            tile.enlargeScreen.textContent = screen ? t('Shrink screen') : t('Enlarge screen');
            tile.enlargeScreen.setAttribute('aria-label', screen ? t('Shrink screen of {name}', { name: tile.student.name }) : t('Enlarge screen of {name}', { name: tile.student.name }));
        }
        if (previous && (previous.id !== next?.id || previous.screen !== next.screen)) onEnlarge(previous.id, false, previous.screen);
        if (next) onEnlarge(next.id, true, next.screen);
    }

    /** "No screen shared" over the screen of a live student who shares none now. */
    function showScreenState(tile) {
        if (!tile.screenView) return;
        tile.noScreen.hidden = tile.student.status !== 'live' || (Boolean(tile.screen.srcObject) && !tile.screenStopped);
    }

    function setAccommodation(tile, accommodation) {
        tile.accommodation.textContent = describeAccommodation(accommodation);
        tile.accommodation.hidden = tile.accommodation.textContent === '';
    }

    function update(student) {
        const tile = tileFor(student);
        // Status changes come without the accommodations; the tile keeps what it was last told.
        if (student.accommodation) setAccommodation(tile, student.accommodation);
        tile.student = student;
        tile.item.dataset.status = student.status;
        tile.status.textContent = tileStatusLabels[student.status] ?? student.status;
        tile.talk.disabled = !onCamera(student.status);
        tile.keep.disabled = !onCamera(student.status);
        tile.admission.update(student);
        const wasRaised = tile.contact.handRaised;
        tile.contact.setHand(present.has(student.status) ? student.handRaisedAtUtc : null);
        tile.item.classList.toggle('hand-raised', tile.contact.handRaised);
        if (tile.contact.handRaised !== wasRaised) onHand?.(student, tile.contact.handRaised);
        if (!onCamera(student.status)) {
            tile.video.srcObject = null;
            if (tile.screen) tile.screen.srcObject = null;
            if (enlarged?.id === student.id) setEnlarged(null);
        }
        showScreenState(tile);
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
            if (enlarged?.id === id) setEnlarged(null);
            tile.item.remove();
            tiles.delete(id);
            keys.removed(tile.item);
            viewing?.unobserve(id, tile.item);
            onChange?.();
        },
        /** The owner changed the student's accommodations. */
        setAccommodation(id, accommodation) {
            const tile = tiles.get(id);
            if (tile) setAccommodation(tile, accommodation);
        },
        /** The student took or retook an ID photo of this kind. */
        photoTaken(id, kind) {
            tiles.get(id)?.admission.showPhoto(kind, true);
        },
        showStream(id, stream) {
            const tile = tiles.get(id);
            if (tile && tile.video.srcObject !== stream) tile.video.srcObject = stream;
        },
        /** The student's shared screen, for exams that require one. */
        showScreen(id, stream) {
            const tile = tiles.get(id);
            if (!tile?.screen) return;
            if (tile.screen.srcObject !== stream) tile.screen.srcObject = stream;
            showScreenState(tile);
        },
        setTalking(id, talking) {
            const tile = tiles.get(id);
            if (!tile) return;
            tile.talking = talking;
            tile.talk.textContent = talking ? t('Stop talking') : t('Talk');
            tile.talk.setAttribute('aria-label', talking ? t('Stop talking to {name}', { name: tile.student.name }) : t('Talk to {name}', { name: tile.student.name }));
            tile.item.classList.toggle('talking', talking);
            tile.video.muted = !(talking || enlarged?.id === id);
        },
        /** One badge per kind of flag not dismissed; red while a flag is still going on. */
        setFlags(id, flags) {
            const tile = tiles.get(id);
            if (!tile) return;
            const byKind = new Map();
            for (const flag of flags.filter(f => f.review !== 'dismissed')) {
                // The kind in this proctor's language, not the server's English label.
                const entry = byKind.get(flag.kind) ?? { label: flagLabel(flag.kind), count: 0, active: false };
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
            // Whatever the proctors decided about the flag, the screen is missing until it ends.
            tile.screenStopped = flags.some(f => f.kind === 'screen-share-stopped' && !f.endedAtUtc);
            showScreenState(tile);
        },
        /** The student's latest message to the proctors. */
        showMessage(id, text) {
            tiles.get(id)?.contact.showMessage(text);
        },
        /** Raised hands first (longest waiting first), then students with open flags (most first), the rest by name; or everyone by name. */
        sort(flaggedFirst) {
            const ordered = [...tiles.values()].sort((a, b) =>
                (flaggedFirst ? a.contact.raisedAt() - b.contact.raisedAt() || b.openFlags - a.openFlags : 0) || a.student.name.localeCompare(b.student.name));
            // Only tiles out of place move, with moveBefore where the browser has it (the focus stays); an element moved
            // the old way loses the focus, which goes back to it.
            const focused = document.activeElement;
            ordered.forEach((tile, index) => {
                const there = list.children[index] ?? null;
                if (there === tile.item) return;
                if (list.moveBefore) list.moveBefore(tile.item, there);
                else list.insertBefore(tile.item, there);
            });
            if (focused && focused !== document.activeElement && list.contains(focused)) focused.focus({ preventScroll: true });
        },
        /** Whether the camera of `id` is enlarged. */
        isEnlarged: id => enlarged?.id === id && !enlarged.screen,
        /** Whether the screen of `id` is enlarged. */
        isScreenEnlarged: id => enlarged?.id === id && enlarged.screen,
        students: () => [...tiles.values()].map(t => t.student),
        counts() {
            const all = [...tiles.values()];
            return { joined: all.filter(t => present.has(t.student.status)).length, expected: all.length };
        },
    };
}

/** The screen beside the camera, a note over it while none is shared, and its enlarge button. */
function screenParts(student) {
    const screen = document.createElement('video');
    screen.autoplay = true;
    screen.playsInline = true;
    screen.muted = true;
    screen.className = 'screen';
    screen.setAttribute('aria-label', t("{name}'s screen", { name: student.name }));
    const noScreen = document.createElement('p');
    noScreen.className = 'no-screen';
    noScreen.textContent = t('No screen shared');
    const screenView = document.createElement('div');
    screenView.className = 'screen-view';
    screenView.append(screen, noScreen);
    const enlargeScreen = tileButton(t('Enlarge screen of {name}', { name: student.name }), t('Enlarge screen'));
    return { screen, noScreen, screenView, enlargeScreen, screenStopped: false };
}
