// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// A JSON-RPC recorder between a tool (forge, cast, Hardhat) and the node: an HTTP server on a free
// loopback port that forwards every POST body to the node unchanged and answers with the node's
// answer, noting each call's method and, for a call that failed, its request and response. A suite
// points the tool at `url`, names the step it runs (`step`), and asserts at the end that no call
// failed except those it expects; `summary()` says which methods each step called.
import { createServer } from 'node:http';

const kForwardTimeoutMs = 30_000;
const kMaxBodyBytes = 16 * 1024 * 1024;

export async function startRecorder(nodeUrl) {
    const calls = []; // { step, method, params, error? }
    let step = 'setup';
    const server = createServer((req, res) => {
        const chunks = [];
        let size = 0;
        req.on('data', (c) => {
            size += c.length;
            if (size > kMaxBodyBytes) req.destroy();
            else chunks.push(c);
        });
        req.on('end', async () => {
            const body = Buffer.concat(chunks).toString('utf8');
            const at = step;
            try {
                const answer = await fetch(nodeUrl, {
                    method: 'POST',
                    headers: { 'content-type': 'application/json' },
                    body,
                    signal: AbortSignal.timeout(kForwardTimeoutMs),
                });
                const text = await answer.text();
                note(at, body, text);
                res.writeHead(answer.status, { 'content-type': 'application/json' });
                res.end(text);
            } catch (e) {
                calls.push({ step: at, method: '(transport)', params: body.slice(0, 500), error: String(e) });
                res.writeHead(502);
                res.end();
            }
        });
    });

    function note(at, body, text) {
        let requests;
        let responses;
        try {
            requests = [JSON.parse(body)].flat();
            responses = [JSON.parse(text)].flat();
        } catch {
            calls.push({ step: at, method: '(unparsable)', params: body.slice(0, 500), error: text.slice(0, 500) });
            return;
        }
        const byId = new Map(responses.map((r) => [JSON.stringify(r?.id), r]));
        for (const r of requests) {
            const response = byId.get(JSON.stringify(r?.id));
            const call = { step: at, method: r?.method, params: r?.params };
            if (response?.error) call.error = response.error;
            calls.push(call);
        }
    }

    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
    });
    const { port } = server.address();
    return {
        url: `http://127.0.0.1:${port}`,
        calls,
        /// Names the step whose calls follow.
        set step(name) {
            step = name;
        },
        /// The failed calls, less those `expected(call)` accepts.
        failures(expected = () => false) {
            return calls.filter((c) => c.error && !expected(c));
        },
        /// "step: method xN, method xM" lines, one per step, in the order the steps ran.
        summary() {
            const steps = new Map();
            for (const c of calls) {
                const counts = steps.get(c.step) ?? new Map();
                counts.set(c.method, (counts.get(c.method) ?? 0) + 1);
                steps.set(c.step, counts);
            }
            return [...steps].map(([s, counts]) =>
                `${s}: ${[...counts].map(([m, n]) => (n > 1 ? `${m} x${n}` : m)).join(', ')}`);
        },
        close: () => new Promise((resolve) => {
            server.closeAllConnections();
            server.close(resolve);
        }),
    };
}

/// A failed call as one line: method, request params and the node's error.
export function describeCall(c) {
    return `${c.step}: ${c.method} ${JSON.stringify(c.params)} -> ${JSON.stringify(c.error)}`;
}
