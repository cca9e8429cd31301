// One client process drives both relays (ProctorWeb.Bench's scenario 1 starts it): `node driver.mjs PLAN.json`.
// Progress goes to stderr; the result is the last stdout line, "RESULT " and JSON. Plans:
//   relay: at each scale, for the hub and for a socket.io relay in turn: join burst, idle cost, paced and closed-loop relay.
//   storm: N students joined with the product's reconnect policy; on "GO" from stdin (the server is being killed and
//          restarted) it times until every one has rejoined.
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hubStudent, hubProctor, ioStudent, ioProctor, reconnectAttempts, warnings } from './clients.mjs';
import { joinBurst, untilQuiet, idle, paced, closedLoop, stats, waitFor } from './measure.mjs';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const log = text => process.stderr.write(`[driver] ${text}\n`);
const here = path.dirname(fileURLToPath(import.meta.url));

async function startSocketIoRelay({ pingInterval, pingTimeout } = {}) {
    const args = [path.join(here, 'socketio-relay.mjs'), '0', ...(pingInterval ? [String(pingInterval), String(pingTimeout)] : [])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout });
    for await (const line of lines) {
        if (line.startsWith('LISTENING ')) return { child, pid: child.pid, url: `http://127.0.0.1:${line.split(' ')[1]}` };
    }
    throw new Error('The socket.io relay ended before it listened.');
}

/** The same steps for either relay: a proctor watches, students join, then each scale is measured, largest first. */
async function measureRelay(system, { pid, makeStudent, makeProctor, memoryUrl }) {
    const inbox = { handler: null };
    const proctor = await makeProctor((from, message) => inbox.handler?.(message));
    const largest = Math.max(...plan.scales);
    const before = memoryUrl ? await (await fetch(memoryUrl)).json() : null;
    log(`${system}: joining ${largest}`);
    const burst = await joinBurst(makeStudent, largest, plan.concurrency, pid);
    // What the joined students cost the server once it settled (the reading forces a full GC).
    const memory = memoryUrl ? { students: burst.result.joined, before, after: await untilQuiet(pid).then(async () => (await fetch(memoryUrl)).json()) } : null;
    log(`${system}: ${burst.result.joined} joined in ${burst.result.seconds.toFixed(1)} s (${burst.result.perSecond.toFixed(0)}/s), ${burst.result.failed} failed; `
        + `CPU server ${burst.result.serverCpuShareOfCore.toFixed(2)}, client ${burst.result.clientCpuShareOfCore.toFixed(2)} of a core`);
    let students = burst.students;
    const scales = [];
    for (const scale of [...plan.scales].sort((a, b) => b - a)) {
        await Promise.all(students.slice(scale).map(s => s.stop()));
        students = students.slice(0, scale);
        const quietAfterMs = await untilQuiet(pid);
        const idleCost = await idle({ pid, seconds: plan.idleSeconds, connected: students.length + 1 });
        const steady = await paced({ students, inbox, pid, rate: plan.pacedRate, seconds: plan.seconds, warmUp: plan.warmUp });
        await untilQuiet(pid);
        const sustained = await closedLoop({ students, inbox, pid, seconds: plan.seconds, warmUp: plan.warmUp });
        const refused = students.reduce((sum, s) => sum + s.refused, 0);
        log(`${system} at ${scale}: paced p50 ${steady.latencyMs?.p50.toFixed(3)} p99 ${steady.latencyMs?.p99.toFixed(3)} ms, ${steady.serverCpuMicrosPerMessage.toFixed(1)} µs/msg; `
            + `closed ${sustained.perSecond.toFixed(0)} msg/s, ${sustained.serverCpuMicrosPerMessage.toFixed(1)} µs/msg; idle ${idleCost.serverCpuMicrosPerStudentSecond.toFixed(2)} µs/student/s; refused ${refused}`);
        scales.push({ students: scale, quietAfterMs, idle: idleCost, paced: steady, closedLoop: sustained, refused });
    }
    await Promise.all(students.map(s => s.stop()));
    await proctor.stop();
    return { system, join: burst.result, scales, memory };
}

async function relayPlan() {
    const hub = plan.hub;
    const socketIo = await startSocketIoRelay();
    const systems = {
        hub: first => measureRelay('hub', {
            pid: hub.pid,
            memoryUrl: first ? hub.memoryUrl : null,
            makeStudent: i => hubStudent(hub.url, hub.studentCookies[i]),
            makeProctor: onSignal => hubProctor(hub.url, hub.proctorCookie, hub.examId, onSignal),
        }),
        'socket.io': () => measureRelay('socket.io', {
            pid: socketIo.pid,
            makeStudent: () => ioStudent(socketIo.url, 1),
            makeProctor: onSignal => ioProctor(socketIo.url, 1, onSignal),
        }),
    };
    const runs = [];
    try {
        for (let repeat = 0; repeat < plan.repeats; repeat++) {
            // Which goes first alternates, so a change in the machine's load falls on both alike.
            const order = process.env.RELAY_BENCH_HUB_ONLY ? ['hub'] : repeat % 2 === 0 ? ['hub', 'socket.io'] : ['socket.io', 'hub'];
            for (const system of order) runs.push({ repeat, ...(await systems[system](repeat === 0)) });
        }
        // For working on the hub alone (not for the report): RELAY_BENCH_HUB_ONLY=1.
        if (process.env.RELAY_BENCH_HUB_ONLY) return { runs: runs.filter(r => r.system === 'hub'), socketIoIdleAtTwoSecondPings: null };
        // socket.io's idle cost again with pings as often as the product's, for a like-for-like heartbeat.
        const fastPings = await startSocketIoRelay({ pingInterval: 2000, pingTimeout: 4000 });
        try {
            const proctor = await ioProctor(fastPings.url, 1, () => {});
            const { students, result } = await joinBurst(() => ioStudent(fastPings.url, 1), Math.max(...plan.scales), plan.concurrency, fastPings.pid);
            await untilQuiet(fastPings.pid);
            const cost = await idle({ pid: fastPings.pid, seconds: plan.idleSeconds, connected: result.joined + 1 });
            await Promise.all(students.map(s => s.stop()));
            await proctor.stop();
            return { runs, socketIoIdleAtTwoSecondPings: cost };
        } finally {
            fastPings.child.kill();
        }
    } finally {
        socketIo.child.kill();
    }
}

async function stormPlan() {
    const hub = plan.hub;
    let go = null;
    const rejoinMs = [];
    const make = i => {
        const student = hubStudent(hub.url, hub.studentCookies[i], {
            reconnect: true,
            onRejoined: () => {
                if (go !== null) rejoinMs.push(performance.now() - go);
            },
        });
        return student;
    };
    const burst = await joinBurst(make, hub.studentCookies.length, plan.concurrency, hub.pid);
    log(`storm: ${burst.result.joined} joined in ${burst.result.seconds.toFixed(1)} s, ${burst.result.failed} failed`);
    const quietAfterMs = await untilQuiet(hub.pid);
    const idleCost = await idle({ pid: hub.pid, seconds: plan.idleSeconds, connected: burst.result.joined });
    log(`storm: idle ${idleCost.serverCpuShareOfCore.toFixed(3)} of a core for ${burst.result.joined}`);
    const input = createInterface({ input: process.stdin });
    process.stdout.write('ARMED\n');
    for await (const line of input) {
        if (line.trim() === 'GO') break;
    }
    go = performance.now();
    const attemptsBefore = reconnectAttempts.count;
    const everyone = burst.students.length;
    const done = await waitFor(() => rejoinMs.length >= everyone, plan.stormTimeoutSeconds * 1000);
    const result = {
        students: everyone, join: burst.result, quietAfterMs, idle: idleCost,
        allRejoined: done, rejoined: rejoinMs.length, allRejoinedMs: done ? Math.max(...rejoinMs) : null,
        rejoinMs: stats(rejoinMs), reconnectAttempts: reconnectAttempts.count - attemptsBefore, droppedWarnings: warnings.count,
    };
    await Promise.all(burst.students.map(s => s.stop()));
    return result;
}

const result = plan.plan === 'storm' ? await stormPlan() : await relayPlan();
process.stdout.write('RESULT ' + JSON.stringify(result) + '\n');
process.exit(0);
