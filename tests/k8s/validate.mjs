// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// node tests/k8s/validate.mjs [DIR]: checks the Kubernetes deployment in DIR (default
// deploy/k8s) offline (docs/operations.md "Kubernetes"): every object against the API schemas
// (lib/schema.mjs), kustomization.yaml against the files, the references between the objects
// and between them and the service configuration (lib/references.mjs), the configuration against
// the parser's keys and rules (lib/config.mjs), and render-config.sh by running it. Then it
// breaks copies of the manifests on purpose and checks that each of those checks refuses them,
// so that none of them can pass by accepting everything. Exit status 1 on any failure.
import { spawnSync } from 'node:child_process';
import {
    mkdirSync,
    mkdtempSync,
    readdirSync,
    readFileSync,
    rmSync,
    symlinkSync,
    writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

import { configKeys, unknownKeys, valueErrors } from './lib/config.mjs';
import { referenceErrors } from './lib/references.mjs';
import { schemaErrors } from './lib/schema.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = path.resolve(process.argv[2] ?? path.join(root, 'deploy', 'k8s'));
const kKustomizeKeys = new Set([
    'apiVersion',
    'kind',
    'namespace',
    'resources',
    'images',
    'labels',
    'commonLabels',
    'commonAnnotations',
    'patches',
    'configMapGenerator',
    'secretGenerator',
    'generatorOptions',
    'namePrefix',
    'nameSuffix',
    'replicas',
    'components',
]);

/// YAML as kubectl reads it: YAML 1.1 (`yes` is a boolean, 0444 octal), duplicate keys refused.
function parseDocuments(text) {
    const errors = [];
    const docs = [];
    for (const doc of YAML.parseAllDocuments(text, { version: '1.1', uniqueKeys: true })) {
        for (const e of [...doc.errors, ...doc.warnings]) errors.push(e.message.split('\n')[0]);
        const value = doc.toJS();
        if (value !== null && value !== undefined) docs.push(value);
    }
    return { docs, errors };
}

function load() {
    const files = readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort();
    const objects = [];
    const errors = [];
    let kustomization = null;
    for (const file of files) {
        const parsed = parseDocuments(readFileSync(path.join(dir, file), 'utf8'));
        errors.push(...parsed.errors.map((e) => `${file}: ${e}`));
        if (file === 'kustomization.yaml') kustomization = parsed.docs[0] ?? null;
        else objects.push(...parsed.docs.map((o) => ({ file, o })));
    }
    return { files, objects, kustomization, errors };
}

function kustomizationErrors(k, files) {
    if (!k) return ['no kustomization.yaml'];
    const errors = [];
    if (k.apiVersion !== 'kustomize.config.k8s.io/v1beta1' || k.kind !== 'Kustomization')
        errors.push('not a kustomize.config.k8s.io/v1beta1 Kustomization');
    for (const key of Object.keys(k))
        if (!kKustomizeKeys.has(key)) errors.push(`unknown field ${key}`);
    const listed = k.resources ?? [];
    const wanted = files.filter((f) => f !== 'kustomization.yaml');
    for (const f of wanted) if (!listed.includes(f)) errors.push(`resources does not list ${f}`);
    for (const f of listed)
        if (!wanted.includes(f))
            errors.push(`resources lists ${f}, which is not a manifest of ${path.basename(dir)}`);
    if (new Set(listed).size !== listed.length) errors.push('resources lists a file twice');
    if (typeof k.namespace !== 'string') errors.push('no namespace');
    return errors;
}

/// The awk programs to run render-config.sh with: the image's is mawk (Debian's default), a
/// developer's may be gawk; each found on PATH, through a directory that names it `awk`.
function awks(tmp) {
    const found = [];
    for (const name of ['mawk', 'gawk', 'awk']) {
        const where = spawnSync('sh', ['-c', `command -v ${name}`], {
            encoding: 'utf8',
        }).stdout.trim();
        if (!where) continue;
        const bin = path.join(tmp, `bin-${name}`);
        mkdirSync(bin);
        symlinkSync(where, path.join(bin, 'awk'));
        found.push({ name, path: `${bin}:${process.env.PATH}` });
    }
    return found;
}

/// Runs render-config.sh of the ConfigMap on its cluster.json with an account full of JSON's
/// special characters, and once with a control character (which it must refuse), with every awk.
function renderErrors(configMap, notes) {
    const script = configMap?.data?.['render-config.sh'];
    const template = configMap?.data?.['cluster.json'];
    if (!script || !template) return ['the ConfigMap lacks render-config.sh or cluster.json'];
    const errors = [];
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'k8s-render-'));
    try {
        writeFileSync(path.join(tmp, 'render-config.sh'), script);
        writeFileSync(path.join(tmp, 'cluster.json'), template);
        const list = awks(tmp);
        if (!list.length) errors.push('no awk on PATH');
        notes.push(`render-config.sh ran with ${list.map((a) => a.name).join(', ')}`);
        for (const awk of list) {
            const run = (user, password) =>
                spawnSync(
                    'sh',
                    [
                        path.join(tmp, 'render-config.sh'),
                        path.join(tmp, 'cluster.json'),
                        path.join(tmp, 'out.json'),
                    ],
                    {
                        env: { PATH: awk.path, YAO_DB_USER: user, YAO_DB_PASSWORD: password },
                        encoding: 'utf8',
                    },
                );
            const user = 'yao"user@@DB_PASSWORD@@';
            const password = "p\\a\"s&s$1 \\\\n é @@DB_USER@@ 'q'";
            const ok = run(user, password);
            if (ok.status !== 0) {
                errors.push(`${awk.name}: exited ${ok.status}: ${ok.stderr.trim()}`);
            } else {
                const rendered = JSON.parse(readFileSync(path.join(tmp, 'out.json'), 'utf8'));
                if (
                    rendered.store?.mysql?.user !== user ||
                    rendered.store?.mysql?.password !== password
                )
                    errors.push(`${awk.name}: the rendered account differs from the Secret's`);
                const rest = structuredClone(rendered);
                rest.store.mysql.user = '@@DB_USER@@';
                rest.store.mysql.password = '@@DB_PASSWORD@@';
                if (JSON.stringify(rest) !== JSON.stringify(JSON.parse(template)))
                    errors.push(`${awk.name}: changed more than the account`);
            }
            if (run('yao', 'a\tb').status === 0)
                errors.push(`${awk.name}: accepted a password with a control character`);
        }
    } catch (e) {
        errors.push(String(e.message));
    } finally {
        rmSync(tmp, { recursive: true, force: true });
    }
    return errors;
}

/// Every check of the manifests, as [name, errors] pairs; `notes` collects remarks.
async function checkAll({ files, objects, kustomization, errors }, sections, notes) {
    const results = [['YAML parses (YAML 1.1, unique keys)', errors]];
    for (const { file, o } of objects)
        results.push([`schema ${file} ${o.kind}/${o.metadata?.name}`, await schemaErrors(o)]);
    results.push([
        'kustomization.yaml lists every manifest',
        kustomizationErrors(kustomization, files),
    ]);
    const configMap = objects
        .map((x) => x.o)
        .find((o) => o.kind === 'ConfigMap' && o.data?.['cluster.json']);
    let config = null;
    const configErrors = [];
    try {
        config = JSON.parse(configMap?.data?.['cluster.json'] ?? '');
    } catch (e) {
        configErrors.push(`cluster.json: ${e.message}`);
    }
    results.push([
        'cluster.json keys are those yao/config/config.cpp reads',
        [...configErrors, ...unknownKeys(config, sections, notes)],
    ]);
    results.push([
        "cluster.json values follow the cluster's rules",
        config ? valueErrors(config) : ['no configuration'],
    ]);
    results.push([
        'references between objects and configuration',
        referenceErrors(
            objects.map((x) => x.o),
            config,
            kustomization?.namespace,
        ),
    ]);
    results.push([
        "render-config.sh writes the Secret's account (with each awk found)",
        renderErrors(configMap, notes),
    ]);
    return results;
}

/// Self-checks: each breaks a copy of the manifests one way; the checks must refuse it.
async function selfChecks(loaded, sections) {
    const results = [];
    const broken = async (what, pattern, edit) => {
        const copy = structuredClone(loaded);
        const get = (kind, n) =>
            copy.objects.map((x) => x.o).find((o) => o.kind === kind && o.metadata?.name === n);
        edit(copy, get);
        const errors = (await checkAll(copy, sections, [])).flatMap(([, e]) => e);
        results.push([
            `self-check: refuses ${what}`,
            errors.some((e) => pattern.test(e))
                ? []
                : [`accepted (errors: ${errors.join('; ') || 'none'})`],
        ]);
    };
    const container = (get, d) => get('Deployment', d).spec.template.spec.containers[0];
    await broken('a StatefulSet with replicas: "two"', /replicas must be integer/, (c, get) => {
        get('StatefulSet', 'yaoverse-chronos').spec.replicas = 'two';
    });
    await broken(
        'an unknown container field (livenessprobe)',
        /livenessprobe: unknown field/,
        (c, get) => {
            container(get, 'yaoverse-archive').livenessprobe = {};
        },
    );
    await broken(
        'a YAML 1.1 boolean where a string belongs (scrape: yes)',
        /prometheus.io~1scrape must be string/,
        (c, get) => {
            const doc = parseDocuments('a: yes\n').docs[0];
            get('Deployment', 'yaoverse-portal').spec.template.metadata.annotations[
                'prometheus.io/scrape'
            ] = doc.a;
        },
    );
    await broken('a duplicate YAML key', /Map keys must be unique/, (c) => {
        c.errors.push(...parseDocuments('a: 1\na: 2\n').errors);
    });
    await broken('a Service selecting no pods', /selector matches 0 workloads/, (c, get) => {
        get('Service', 'yaoverse-vulcan').spec.selector['app.kubernetes.io/component'] = 'vulcann';
    });
    await broken(
        'a probe off the ops port',
        /readinessProbe must be HTTP GET \/readyz on the port ops/,
        (c, get) => {
            container(get, 'yaoverse-portal').readinessProbe.httpGet.port = 9301;
        },
    );
    await broken('a Secret key that does not exist', /has no key passwd/, (c, get) => {
        get(
            'Deployment',
            'yaoverse-archive',
        ).spec.template.spec.initContainers[0].env[1].valueFrom.secretKeyRef.key = 'passwd';
    });
    await broken(
        'an autoscaler of a missing Deployment',
        /scaleTargetRef names no apps\/v1 Deployment/,
        (c, get) => {
            get('HorizontalPodAutoscaler', 'yaoverse-vulcan').spec.scaleTargetRef.name = 'vulcan';
        },
    );
    await broken('a Role without update on the Lease', /may not update the Lease/, (c, get) => {
        get('Role', 'yaoverse-chronos-lease').rules[1].verbs = ['get'];
    });
    await broken(
        'a manifest missing from kustomization.yaml',
        /resources does not list portal.yaml/,
        (c) => {
            c.kustomization.resources = c.kustomization.resources.filter(
                (f) => f !== 'portal.yaml',
            );
        },
    );
    const editConfig = (c, get, f) => {
        const cm = get('ConfigMap', 'yaoverse-config');
        const config = JSON.parse(cm.data['cluster.json']);
        f(config);
        cm.data['cluster.json'] = JSON.stringify(config);
    };
    await broken(
        'a configuration key config.cpp does not read',
        /cluster.electon: unknown key/,
        (c, get) =>
            editConfig(c, get, (x) => {
                x.cluster.electon = x.cluster.election;
            }),
    );
    await broken('the database election backend', /backend must be "kubernetes"/, (c, get) =>
        editConfig(c, get, (x) => {
            x.cluster.election.backend = 'database';
        }),
    );
    await broken('an endpoint that names no Service', /names no Service/, (c, get) =>
        editConfig(c, get, (x) => {
            x.cluster.vulcan = ['yaoverse-vulcans:50051'];
        }),
    );
    await broken('the Chronos pods behind one name', /must list each pod of StatefulSet/, (c, get) =>
        editConfig(c, get, (x) => {
            x.cluster.chronos = ['yaoverse-chronos:50051'];
        }),
    );
    await broken('a Chronos Deployment', /the chronos runs as a StatefulSet/, (c, get) => {
        get('StatefulSet', 'yaoverse-chronos').kind = 'Deployment';
    });
    await broken(
        'a render-config.sh that does not escape the password',
        /the rendered account differs|JSON/,
        (c, get) => {
            const cm = get('ConfigMap', 'yaoverse-config');
            cm.data['render-config.sh'] = cm.data['render-config.sh'].replace(
                'out = out "\\\\" c',
                'out = out c',
            );
        },
    );
    return results;
}

const loaded = load();
const notes = [];
let results;
try {
    const sections = configKeys(
        readFileSync(path.join(root, 'yao', 'config', 'config.cpp'), 'utf8'),
    );
    results = [
        ...(await checkAll(loaded, sections, notes)),
        ...(await selfChecks(loaded, sections)),
    ];
} catch (e) {
    results = [['reading yao/config/config.cpp', [e.message]]];
}
let failed = 0;
for (const [what, errors] of results) {
    console.log(`${errors.length ? 'FAIL' : 'ok  '} ${what}`);
    for (const e of errors) console.log(`       ${e}`);
    if (errors.length) failed++;
}
for (const n of notes) console.log(`note: ${n}`);
console.log(
    `k8s manifests: ${loaded.objects.length} objects in ${loaded.files.length} files of ${path.relative(root, dir) || dir}`,
);
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
