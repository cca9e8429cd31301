// The peer the hub is measured against: the classic Node signaling relay (socket.io 4.8.4), doing the hub's job
// for one exam as the hub does it: a student joins, says ready, and relays WebRTC messages to a proctor of its own
// exam only; a proctor watches. Messages are checked as SignalMessage.Validate checks them, and a refused one is
// answered with a pushed event, as the hub answers a refused `Signal` sent without a completion.
//
//   node socketio-relay.mjs PORT [PING_INTERVAL_MS PING_TIMEOUT_MS]
// prints "LISTENING PORT" once it accepts connections. Without the ping settings, socket.io's defaults (25 s, 20 s).
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const [port, pingInterval, pingTimeout] = process.argv.slice(2).map(Number);
const http = createServer();
const io = new Server(http, {
    // 64 KB, the hub's MaximumReceiveMessageSize.
    maxHttpBufferSize: 64 * 1024,
    ...(pingInterval ? { pingInterval, pingTimeout } : {}),
});

// Who each socket is: a student of an exam, or a proctor of it. Exams: the proctors' socket ids.
const members = new Map();
const proctorsOf = new Map();

const maxSdp = 32 * 1024;
const maxCandidate = 1024;

function problemWith(message) {
    if (message === null || typeof message !== 'object') return 'A signaling message is required.';
    switch (message.type) {
        case 'offer':
        case 'answer':
            return typeof message.sdp === 'string' && message.sdp.trim() && message.sdp.length <= maxSdp ? null : `An ${message.type} needs an SDP of at most ${maxSdp} characters.`;
        case 'candidate':
            return typeof message.candidate === 'string' && message.candidate.length <= maxCandidate
                && !(message.sdpMid?.length > 64) && !(message.usernameFragment?.length > 256)
                && !(message.sdpMLineIndex < 0 || message.sdpMLineIndex > 64) ? null : 'That ICE candidate is malformed.';
        default:
            return 'A signaling message must be an offer, an answer or a candidate.';
    }
}

io.on('connection', socket => {
    socket.on('watch', (examId, answer) => {
        members.set(socket.id, { role: 'proctor', examId });
        if (!proctorsOf.has(examId)) proctorsOf.set(examId, new Set());
        proctorsOf.get(examId).add(socket.id);
        answer?.({ examId });
    });
    socket.on('join', (examId, answer) => {
        members.set(socket.id, { role: 'student', examId, ready: false });
        answer?.({ examId, status: 'checking' });
    });
    socket.on('ready', answer => {
        const me = members.get(socket.id);
        if (me?.role === 'student') me.ready = true;
        answer?.({ proctors: [...(proctorsOf.get(me?.examId) ?? [])] });
    });
    socket.on('signal', (to, message) => {
        const me = members.get(socket.id);
        const problem = typeof to !== 'string' || to.length > 128 ? 'That id is malformed.'
            : !(me?.role === 'student' && me.ready && proctorsOf.get(me.examId)?.has(to)) ? 'You can only send signaling between a student past the device check and a proctor of the same exam.'
            : problemWith(message);
        if (problem) {
            socket.emit('signal-refused', to, problem);
            return;
        }
        io.to(to).emit('signal', socket.id, message);
    });
    socket.on('disconnect', () => {
        const me = members.get(socket.id);
        members.delete(socket.id);
        if (me?.role === 'proctor') proctorsOf.get(me.examId)?.delete(socket.id);
    });
});

http.listen(port, '127.0.0.1', () => console.log(`LISTENING ${http.address().port}`));
