// Keeps a peer connection's media path alive: ICE restarts when it fails or stays disconnected,
// and a plain explanation when the TURN relay is what kept it from forming.
import { t } from './text.js';

/** What to tell a person when the TURN relay kept a connection from forming (see onRelayProblem). */
export function describeRelayProblem(problem) {
    return problem === 'unreachable'
        ? t('The relay server could not be reached. Ask your administrator to check the TURN settings.')
        : t('The relay server refused the connection. Ask your administrator to check the TURN settings.');
}

/**
 * TURN errors reported by icecandidateerror: 401 and 403 mean the relay refused our credentials or
 * address; 7xx (701 in practice) means the server never answered.
 */
function relayProblemOf(errorCode) {
    if (errorCode === 401 || errorCode === 403) return 'refused';
    if (errorCode >= 700 && errorCode < 800) return 'unreachable';
    return null;
}

/**
 * Watches `pc` until `signal` aborts. A broken media path gets ICE restarts before anyone is told it
 * failed: `onConnectionState` hears 'restarting' for each restart, and 'failed' only once restarts
 * ran out. `onRelayProblem` hears once, and only when the relay is what went wrong.
 */
export function watchIceRepair(pc, { onConnectionState, onRelayProblem, signal }) {
    const maxRestarts = 2;
    let restarts = 0;
    let disconnectedTimer = 0;
    let repairing = false;
    // TURN errors seen while gathering, and whether any candidate was gathered at all.
    const relayProblems = new Set();
    let gatheredCandidates = 0;
    let relayProblemReported = false;
    const on = (event, handler) => pc.addEventListener(event, handler, { signal });
    signal.addEventListener('abort', () => clearTimeout(disconnectedTimer));

    function restartIce() {
        restarts += 1;
        repairing = true;
        pc.restartIce();
        onConnectionState?.('restarting');
    }

    function reportRelayProblem() {
        if (signal.aborted || relayProblemReported || relayProblems.size === 0) return;
        relayProblemReported = true;
        onRelayProblem?.(relayProblems.has('refused') ? 'refused' : 'unreachable');
    }

    on('connectionstatechange', () => {
        const state = pc.connectionState;
        clearTimeout(disconnectedTimer);
        if (state === 'connected') {
            restarts = 0;
            repairing = false;
        }
        if (state === 'failed' && restarts < maxRestarts && relayProblems.size === 0) return restartIce();
        if (state === 'disconnected') {
            // 'disconnected' often heals by itself within a moment; restart only if it does not.
            disconnectedTimer = setTimeout(() => {
                if (!signal.aborted && pc.connectionState === 'disconnected' && restarts < maxRestarts) restartIce();
            }, 2000);
        }
        onConnectionState?.(state);
        if (state === 'failed') reportRelayProblem();
    });
    on('icecandidate', ({ candidate }) => { if (candidate) gatheredCandidates++; });
    on('icecandidateerror', ({ errorCode }) => {
        const problem = relayProblemOf(errorCode);
        if (problem) relayProblems.add(problem);
    });
    // With iceTransportPolicy 'relay' and a refused allocation there is no candidate at all, and Chrome
    // then never reports 'failed' (its ICE state stays 'new'): finished gathering empty-handed is the failure.
    on('icegatheringstatechange', () => {
        if (pc.iceGatheringState === 'complete' && gatheredCandidates === 0) reportRelayProblem();
    });

    return {
        /** Renegotiates the media path from scratch (after a reconnect, or when the network changed). */
        restartIce,
        /**
         * Call when a remote answer was applied. A restart on a path that still works changes no
         * connection state: the new answer is the sign it is repaired.
         */
        answered() {
            if (repairing && pc.connectionState === 'connected') {
                repairing = false;
                onConnectionState?.('connected');
            }
        },
    };
}
