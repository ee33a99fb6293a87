// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// The service configuration of the ConfigMap against what the binary reads. `yaoverse` has no
// mode that checks a file without starting, so the keys come from the parser's source,
// yao/config/config.cpp: every section is read with check_keys(OBJECT, PATH, {"key", ...}),
// which refuses any other key, and PATH is a string literal or a `const std::string` of the same
// function. The values get the rules of validate_config and of the cluster shape
// (yao/app/cluster_command.cpp) that a deployment depends on.

/// Sections the binary reads that the parser in this tree may not read yet, and their keys:
/// accepted only while config.cpp has no such section at all (once it does, it is the truth).
export const kPendingSections = new Map();

/// Every section of config.cpp that the extraction must find: a sign that it still reads the
/// parser correctly.
const kExpectedSections = [
    '',
    'chain',
    'genesis',
    'genesis.dev_accounts',
    'mempool',
    'execution',
    'store',
    'store.mysql',
    'redis',
    'bus',
    'cluster',
    'cluster.tls',
    'cluster.election',
    'rpc',
    'rpc.auth',
    'rpc.tls',
    'log',
    'ops',
];

function strings(list) {
    return [...list.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
}

/// The keys of each section (path -> Set of keys) that `source` (config.cpp) accepts.
export function configKeys(source) {
    const sections = new Map();
    const add = (at, keys) => {
        if (!sections.has(at)) sections.set(at, new Set());
        for (const k of keys) sections.get(at).add(k);
    };
    // Function bodies start at a line in column 0 that ends with "{".
    const starts = [...source.matchAll(/^[A-Za-z].*\{$/gm)].map((m) => m.index);
    const vars = [...source.matchAll(/const std::string (\w+) = "([\w.]*)";/g)].map((m) => ({
        name: m[1],
        value: m[2],
        index: m.index,
    }));
    for (const m of source.matchAll(/check_keys\(\s*[^,()]+,\s*("[\w.]*"|\w+),\s*\{([^}]*)\}\)/g)) {
        let at = null;
        if (m[1].startsWith('"')) {
            at = m[1].slice(1, -1);
        } else {
            const start = Math.max(...starts.filter((s) => s < m.index));
            const v = vars
                .filter((x) => x.name === m[1] && x.index > start && x.index < m.index)
                .pop();
            if (v) at = v.value;
        }
        if (at !== null) add(at, strings(m[2])); // else a path built at run time (list entries)
    }
    // The rpc section checks a vector: its literal keys plus the first column of kRpcLimits.
    const rpcKeys = /std::vector<std::string> keys = \{([^}]*)\}/.exec(source);
    const limits = /kRpcLimits\[\] = \{([\s\S]*?)\n\};/.exec(source);
    if (rpcKeys && limits)
        add('rpc', [
            ...strings(rpcKeys[1]),
            ...[...limits[1].matchAll(/\{"(\w+)",/g)].map((x) => x[1]),
        ]);
    const missing = kExpectedSections.filter((s) => !sections.has(s));
    if (missing.length)
        throw new Error(
            `config.cpp: found no keys of ${missing.join(', ')} (the extraction in tests/k8s/lib/config.mjs needs updating)`,
        );
    for (const [at, key] of [
        ['cluster.election', 'k8s_sa_dir'],
        ['rpc', 'max_body_bytes'],
        ['rpc', 'vhosts'],
        ['', 'cluster'],
    ]) {
        if (!sections.get(at).has(key))
            throw new Error(`config.cpp: "${at}" has no "${key}" (the extraction needs updating)`);
    }
    if (sections.get('chain').has('balance'))
        throw new Error(
            "config.cpp: a genesis account's keys landed in chain (the extraction needs updating)",
        );
    return sections;
}

/// Keys of `config` that `sections` does not accept, as "path: unknown key"; `notes` gets a line
/// for each pending section used.
export function unknownKeys(config, sections, notes) {
    const errors = [];
    const known = new Map(sections);
    for (const [at, keys] of kPendingSections) {
        if (known.has(at)) continue;
        if (config && typeof config === 'object' && at in config) {
            notes.push(
                `"${at}" is not read by yao/config/config.cpp in this tree yet: the yaoverse built from it refuses the file ("unknown key ${at}") until it is`,
            );
            known.set(at, new Set(keys));
            known.set('', new Set([...known.get(''), at]));
        }
    }
    const walk = (value, at) => {
        const keys = known.get(at);
        if (!keys || value === null || typeof value !== 'object' || Array.isArray(value)) return;
        for (const [k, v] of Object.entries(value)) {
            const child = at ? `${at}.${k}` : k;
            if (!keys.has(k)) errors.push(`${child}: unknown key (config.cpp refuses it)`);
            else walk(v, child);
        }
    };
    walk(config, '');
    return errors;
}

/// An integer as config.cpp reads one: a JSON number or a decimal or "0x" string; else NaN.
export function uint(v) {
    if (Number.isInteger(v) && v >= 0) return v;
    return typeof v === 'string' && /^(\d+|0[xX][0-9a-fA-F]+)$/.test(v) ? Number(v) : NaN;
}

function isEndpoint(text, allowZero) {
    const m = /^(.+):(\d{1,5})$/.exec(typeof text === 'string' ? text : '');
    return !!m && Number(m[2]) <= 65535 && (allowZero || Number(m[2]) > 0);
}

/// The rules a cluster process applies at start (validate_config, cluster_command.cpp `load`)
/// that this deployment relies on, for every service.
export function valueErrors(c) {
    const errors = [];
    const need = (ok, what) => {
        if (!ok) errors.push(what);
    };
    const get = (p) =>
        p.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), c);
    need(get('bus.kind') === 'redis', 'bus.kind must be "redis" in a cluster');
    for (const p of ['bus.url', 'redis.url'])
        need(/^redis:\/\/.+/.test(get(p) ?? ''), `${p} must be "redis://host[:port]"`);
    need(get('store.kind') === 'mysql', 'store.kind must be "mysql" in a cluster');
    need(
        typeof get('store.mysql.host') === 'string' && get('store.mysql.host') !== '',
        'store.mysql.host must not be empty',
    );
    const port = (p) => uint(get(p)) > 0 && uint(get(p)) <= 65535;
    need(port('store.mysql.port'), 'store.mysql.port must be 1 to 65535');
    need(
        typeof get('store.mysql.user') === 'string' && get('store.mysql.user') !== '',
        'store.mysql.user must not be empty',
    );
    need(
        /^[A-Za-z0-9_$]+$/.test(get('store.mysql.database') ?? ''),
        "store.mysql.database must be letters, digits, '_' or '$'",
    );
    const e = get('cluster.election') ?? {};
    need(e.backend === 'kubernetes', 'cluster.election.backend must be "kubernetes" here');
    need(
        /^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$/.test(e.lease_name ?? 'yao-chronos'),
        'cluster.election.lease_name must be a DNS subdomain of at most 63 characters',
    );
    const [retry, renew, duration] = [
        uint(e.retry_period_ms ?? 250),
        uint(e.renew_deadline_ms ?? 1500),
        uint(e.lease_duration_ms ?? 2000),
    ];
    need(
        retry > 0 && retry < renew && renew < duration,
        'cluster.election: 0 < retry_period_ms < renew_deadline_ms < lease_duration_ms must hold',
    );
    need(isEndpoint(get('cluster.grpc_listen'), true), 'cluster.grpc_listen must be "host:port"');
    for (const s of ['archive', 'vulcan', 'chronos']) {
        const list = get(`cluster.${s}`);
        need(
            Array.isArray(list) && list.length > 0 && list.every((x) => isEndpoint(x, false)),
            `cluster.${s} must list "host:port" endpoints (the Portal needs them)`,
        );
    }
    need(
        typeof get('rpc.host') === 'string' && get('rpc.host') !== '',
        'rpc.host must not be empty',
    );
    need(port('rpc.port'), 'rpc.port must be 1 to 65535 (a Service targets it)');
    need(
        ['dev', 'production', undefined].includes(get('profile')),
        'profile must be "dev" or "production"',
    );
    if (get('profile') === 'production') {
        need(!!get('cluster.tls.ca_file'), 'the production profile needs cluster.tls');
        need(!!get('rpc.tls.cert_file'), 'the production profile needs rpc.tls');
        need(
            !!(get('rpc.auth.api_keys')?.length || get('rpc.auth.jwt_secret')),
            'the production profile needs rpc.auth',
        );
    }
    need(
        ['debug', 'info', 'warn', 'warning', 'error', 'fatal', 'off', undefined].includes(
            get('log.level'),
        ),
        'log.level is not a level',
    );
    need(isEndpoint(get('ops.listen'), false), 'ops.listen must be "host:port"');
    return errors;
}

/// The port of a "host:port" text.
export function portOf(endpoint) {
    return Number(/:(\d+)$/.exec(endpoint)?.[1]);
}

/// The host of a "host:port" text.
export function hostOf(endpoint) {
    return endpoint.replace(/:\d+$/, '');
}
