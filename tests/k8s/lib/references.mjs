// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// What the schemas cannot see: that the objects of deploy/k8s fit together (every name they
// refer to exists, selectors select, probes and scrape annotations find the ops port) and fit
// the service configuration (endpoints name Services that lead to the right pods and ports).
import { hostOf, portOf, uint } from './config.mjs';

export const kComponents = ['portal', 'vulcan', 'archive', 'chronos'];
const kComponentLabel = 'app.kubernetes.io/component';
/// The components that open the database and so read the configuration with its account.
const kStoreComponents = ['vulcan', 'archive', 'chronos'];
export const kOpsPort = 9300;
const kScrape = {
    'prometheus.io/scrape': 'true',
    'prometheus.io/port': String(kOpsPort),
    'prometheus.io/path': '/metrics',
};
const kClusterScoped = new Set(['Namespace']);

const kUnits = {
    m: 1e-3,
    '': 1,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
};

/// A resource quantity ("500m", "2", "1Gi") as a number, or NaN.
export function quantity(q) {
    const m = /^(\d+(?:\.\d+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(String(q));
    return m ? Number(m[1]) * kUnits[m[2] ?? ''] : NaN;
}

const name = (o) => `${o.kind}/${o.metadata?.name}`;
const subset = (small, big) =>
    !!small &&
    Object.keys(small).length > 0 &&
    Object.entries(small).every(([k, v]) => big?.[k] === v);

/// The problems as strings. `objects`: every object of the manifests; `config`: the parsed
/// cluster.json; `namespace`: the kustomization's.
export function referenceErrors(objects, config, namespace) {
    const errors = [];
    const fail = (o, what) => errors.push(`${name(o)}: ${what}`);
    const all = (kind) => objects.filter((o) => o.kind === kind);
    const find = (kind, n) => objects.find((o) => o.kind === kind && o.metadata?.name === n);
    // The workloads: Deployments, and the Chronos' StatefulSet (stable pod names).
    const deployments = [...all('Deployment'), ...all('StatefulSet')];
    const podLabels = (d) => d.spec?.template?.metadata?.labels ?? {};
    const component = (d) => podLabels(d)[kComponentLabel];
    const selecting = (selector) => deployments.filter((d) => subset(selector, podLabels(d)));
    const hpaOf = (d) =>
        all('HorizontalPodAutoscaler').find(
            (h) =>
                h.spec?.scaleTargetRef?.kind === 'Deployment' &&
                h.spec.scaleTargetRef.name === d.metadata.name,
        );
    const replicas = (d) => d.spec?.replicas ?? hpaOf(d)?.spec?.minReplicas ?? 1;
    const containerPort = (d, port) =>
        (d.spec.template.spec.containers ?? [])
            .flatMap((c) => c.ports ?? [])
            .find((p) => (typeof port === 'string' ? p.name === port : p.containerPort === port));
    const keysOf = (o) =>
        new Set([...Object.keys(o?.data ?? {}), ...Object.keys(o?.stringData ?? {})]);

    // Identity and namespace.
    const seen = new Set();
    for (const o of objects) {
        const id = `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
        if (seen.has(id)) fail(o, 'defined twice');
        seen.add(id);
        if (kClusterScoped.has(o.kind)) {
            if (o.kind === 'Namespace' && o.metadata.name !== namespace)
                fail(o, `is not the kustomization's namespace ${namespace}`);
        } else if (o.metadata?.namespace !== namespace) {
            fail(o, `metadata.namespace must be ${namespace}`);
        }
    }
    if (!find('Namespace', namespace)) errors.push(`no Namespace ${namespace}`);

    // Deployments: one per component, their pods, containers, probes, volumes and references.
    const images = new Set();
    for (const c of kComponents) {
        const ds = deployments.filter((d) => component(d) === c);
        if (ds.length !== 1) errors.push(`${ds.length} workloads of component ${c} (want 1)`);
        const want = c === 'chronos' ? 'StatefulSet' : 'Deployment';
        for (const d of ds) if (d.kind !== want) fail(d, `the ${c} runs as a ${want}`);
    }
    for (const d of deployments) {
        const c = component(d);
        const pod = d.spec?.template?.spec ?? {};
        if (!kComponents.includes(c))
            fail(d, `pod label ${kComponentLabel} must be one of ${kComponents.join(', ')}`);
        if (
            !subset(d.spec?.selector?.matchLabels, podLabels(d)) ||
            d.spec?.selector?.matchExpressions
        )
            fail(d, 'spec.selector.matchLabels must be a subset of the pod labels (and alone)');
        for (const [k, v] of Object.entries(kScrape)) {
            if (d.spec?.template?.metadata?.annotations?.[k] !== v)
                fail(d, `pod annotation ${k} must be "${v}"`);
        }
        const sa = find('ServiceAccount', pod.serviceAccountName);
        if (!sa)
            fail(
                d,
                `serviceAccountName ${pod.serviceAccountName} is not a ServiceAccount of the manifests`,
            );
        const token = pod.automountServiceAccountToken ?? sa?.automountServiceAccountToken ?? true;
        if (c === 'chronos' && !token)
            fail(d, 'the Chronos needs its service-account token (the Lease)');
        if (c !== 'chronos' && token)
            fail(d, 'calls no Kubernetes API: automountServiceAccountToken must be false');
        if (c === 'chronos' && d.spec?.replicas !== 2)
            fail(d, 'the Chronos runs 2 replicas (a leader and a follower)');
        if (pod.securityContext?.runAsNonRoot !== true || !(pod.securityContext?.runAsUser > 0))
            fail(d, 'the pod must run as a numeric non-root user (runAsNonRoot, runAsUser)');
        const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
        for (const v of volumes.values()) {
            if (v.configMap) {
                const cm = find('ConfigMap', v.configMap.name);
                if (!cm) fail(d, `volume ${v.name}: no ConfigMap ${v.configMap.name}`);
                for (const item of v.configMap.items ?? [])
                    if (cm && !keysOf(cm).has(item.key))
                        fail(
                            d,
                            `volume ${v.name}: ConfigMap ${cm.metadata.name} has no key ${item.key}`,
                        );
            }
            if (v.secret && !find('Secret', v.secret.secretName))
                fail(d, `volume ${v.name}: no Secret ${v.secret.secretName}`);
        }
        const containers = [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
        for (const ct of containers) {
            const where = `container ${ct.name}`;
            images.add(ct.image);
            for (const kind of ['requests', 'limits']) {
                for (const r of ['cpu', 'memory'])
                    if (Number.isNaN(quantity(ct.resources?.[kind]?.[r])))
                        fail(d, `${where}: resources.${kind}.${r} missing or not a quantity`);
            }
            for (const r of ['cpu', 'memory']) {
                if (quantity(ct.resources?.requests?.[r]) > quantity(ct.resources?.limits?.[r]))
                    fail(d, `${where}: the ${r} request exceeds the limit`);
            }
            const sc = ct.securityContext ?? {};
            if (
                sc.allowPrivilegeEscalation !== false ||
                sc.readOnlyRootFilesystem !== true ||
                !sc.capabilities?.drop?.includes('ALL')
            ) {
                fail(
                    d,
                    `${where}: securityContext must set allowPrivilegeEscalation false, readOnlyRootFilesystem true, drop ALL`,
                );
            }
            for (const m of ct.volumeMounts ?? [])
                if (!volumes.has(m.name))
                    fail(d, `${where}: mounts ${m.name}, which is no volume of the pod`);
            for (const e of ct.env ?? []) {
                for (const [ref, kind] of [
                    [e.valueFrom?.secretKeyRef, 'Secret'],
                    [e.valueFrom?.configMapKeyRef, 'ConfigMap'],
                ]) {
                    if (!ref) continue;
                    const target = find(kind, ref.name);
                    if (!target) fail(d, `${where}: env ${e.name} names no ${kind} ${ref.name}`);
                    else if (!keysOf(target).has(ref.key))
                        fail(
                            d,
                            `${where}: env ${e.name}: ${kind} ${ref.name} has no key ${ref.key}`,
                        );
                }
            }
        }
        for (const ct of pod.containers ?? []) {
            const where = `container ${ct.name}`;
            const ops = (ct.ports ?? []).find((p) => p.name === 'ops');
            if (ops?.containerPort !== kOpsPort)
                fail(d, `${where}: needs the port named ops, ${kOpsPort}`);
            for (const [probe, path, required] of [
                ['livenessProbe', '/healthz', true],
                ['readinessProbe', '/readyz', true],
                ['startupProbe', '/healthz', false],
            ]) {
                const p = ct[probe];
                if (!p && !required) continue;
                if (p?.httpGet?.port !== 'ops' || p?.httpGet?.path !== path)
                    fail(d, `${where}: ${probe} must be HTTP GET ${path} on the port ops`);
            }
            if (ct.args?.[0] !== c)
                fail(d, `${where}: the first argument must be the service, ${c}`);
            checkConfigPath(d, ct, volumes, pod, find, fail);
        }
        const usesSecret = JSON.stringify(pod).includes('"secretKeyRef"');
        if (kStoreComponents.includes(c) && !usesSecret)
            fail(d, 'opens the database but never reads the Secret with its account');
        if (c === 'portal' && usesSecret)
            fail(d, 'has no store: it must not read the database account');
        const pdbs = all('PodDisruptionBudget').filter((p) =>
            subset(p.spec?.selector?.matchLabels, podLabels(d)),
        );
        if (pdbs.length !== 1)
            fail(d, `${pdbs.length} PodDisruptionBudgets select its pods (want 1)`);
    }
    if (images.size !== 1)
        errors.push(`every container must run the one image, found ${[...images].join(', ')}`);

    // Services: each selects the pods of one Deployment and targets ports they have.
    for (const s of all('Service')) {
        const ds = selecting(s.spec?.selector);
        if (ds.length !== 1) {
            fail(s, `its selector matches ${ds.length} workloads (want 1)`);
            continue;
        }
        for (const p of s.spec.ports ?? []) {
            if (!containerPort(ds[0], p.targetPort ?? p.port))
                fail(
                    s,
                    `port ${p.name}: target ${p.targetPort} is no container port of ${name(ds[0])}`,
                );
        }
        if (component(ds[0]) !== 'portal' && s.spec.clusterIP !== 'None')
            fail(
                s,
                'gRPC: must be headless (clusterIP None), so that its name resolves to every pod and the client balances over them',
            );
    }

    // PodDisruptionBudgets and HorizontalPodAutoscalers.
    for (const p of all('PodDisruptionBudget')) {
        const ds = selecting(p.spec?.selector?.matchLabels);
        if (ds.length !== 1) {
            fail(p, `its selector matches ${ds.length} workloads (want 1)`);
            continue;
        }
        const min = p.spec.minAvailable;
        if (!Number.isInteger(min) || min < 1 || min >= replicas(ds[0]))
            fail(
                p,
                `minAvailable ${min} must be at least 1 and below the ${replicas(ds[0])} replicas of ${name(ds[0])}`,
            );
    }
    for (const h of all('HorizontalPodAutoscaler')) {
        const ref = h.spec?.scaleTargetRef ?? {};
        const d =
            ref.apiVersion === 'apps/v1' && ref.kind === 'Deployment'
                ? find('Deployment', ref.name)
                : null;
        if (!d) {
            fail(
                h,
                `scaleTargetRef names no apps/v1 Deployment of the manifests (${ref.kind}/${ref.name})`,
            );
            continue;
        }
        if (d.spec.replicas !== undefined)
            fail(
                h,
                `${name(d)} sets spec.replicas, which every apply would reset under the autoscaler`,
            );
        if (!(h.spec.minReplicas >= 2 && h.spec.minReplicas <= h.spec.maxReplicas))
            fail(h, '2 <= minReplicas <= maxReplicas must hold');
        if (
            !(h.spec.metrics ?? []).some(
                (m) =>
                    m.type === 'Resource' &&
                    m.resource?.name === 'cpu' &&
                    m.resource.target?.type === 'Utilization',
            )
        )
            fail(h, 'needs a CPU utilization metric');
    }
    for (const c of ['portal', 'vulcan']) {
        if (!deployments.some((d) => component(d) === c && hpaOf(d)))
            errors.push(`no HorizontalPodAutoscaler for the ${c}`);
    }

    // RBAC: the Chronos may get, create and update its Lease.
    for (const b of all('RoleBinding')) {
        if (b.roleRef?.kind !== 'Role' || !find('Role', b.roleRef.name))
            fail(b, `roleRef names no Role of the manifests (${b.roleRef?.name})`);
        for (const s of b.subjects ?? []) {
            if (
                s.kind !== 'ServiceAccount' ||
                !find('ServiceAccount', s.name) ||
                s.namespace !== namespace
            )
                fail(b, `subject ${s.kind}/${s.name} is no ServiceAccount of ${namespace}`);
        }
    }
    const lease = config?.cluster?.election?.lease_name ?? 'yao-chronos';
    const chronos = deployments.find((d) => component(d) === 'chronos');
    if (chronos) {
        const sa = chronos.spec.template.spec.serviceAccountName;
        const rules = all('RoleBinding')
            .filter((b) =>
                (b.subjects ?? []).some((s) => s.kind === 'ServiceAccount' && s.name === sa),
            )
            .map((b) => find('Role', b.roleRef?.name))
            .filter(Boolean)
            .flatMap((r) => r.rules ?? [])
            .filter(
                (r) =>
                    r.apiGroups?.includes('coordination.k8s.io') && r.resources?.includes('leases'),
            );
        for (const verb of ['get', 'create', 'update']) {
            const ok = rules.some(
                (r) =>
                    r.verbs?.includes(verb) &&
                    (!r.resourceNames || (verb !== 'create' && r.resourceNames.includes(lease))),
            );
            if (!ok)
                fail(
                    chronos,
                    `its ServiceAccount ${sa} may not ${verb} the Lease ${lease} (coordination.k8s.io leases)`,
                );
        }
    }

    checkConfigReferences(
        config,
        objects,
        { find, selecting, component, containerPort, deployments },
        errors,
    );
    return errors;
}

/// --config=FILE names a file of the ConfigMap, mounted as it is or written by render-config.
function checkConfigPath(d, ct, volumes, pod, find, fail) {
    const file = (ct.args ?? []).find((a) => a.startsWith('--config='))?.slice('--config='.length);
    if (!file) {
        fail(d, `container ${ct.name}: no --config=FILE`);
        return;
    }
    const dir = file.replace(/\/[^/]+$/, '');
    const mount = (ct.volumeMounts ?? []).find((m) => m.mountPath === dir);
    const volume = mount && volumes.get(mount.name);
    if (!volume) {
        fail(d, `container ${ct.name}: ${dir} is no mounted volume`);
        return;
    }
    const base = file.slice(dir.length + 1);
    if (volume.configMap) {
        const cm = find('ConfigMap', volume.configMap.name);
        const keys = volume.configMap.items
            ? volume.configMap.items.map((i) => i.path)
            : Object.keys(cm?.data ?? {});
        if (!keys.includes(base))
            fail(d, `container ${ct.name}: the ConfigMap volume has no ${base}`);
    } else if (volume.emptyDir) {
        const writer = (pod.initContainers ?? []).find(
            (i) =>
                (i.command ?? []).includes(file) &&
                (i.volumeMounts ?? []).some((m) => m.name === mount.name && !m.readOnly),
        );
        if (!writer) fail(d, `container ${ct.name}: no init container writes ${file}`);
    } else {
        fail(d, `container ${ct.name}: ${dir} is neither a ConfigMap nor an emptyDir`);
    }
}

/// The endpoints and ports of cluster.json against the Services and containers.
function checkConfigReferences(
    config,
    objects,
    { find, selecting, component, containerPort, deployments },
    errors,
) {
    const grpcPort = portOf(config?.cluster?.grpc_listen ?? '');
    const namespace = objects.find((o) => o.kind === 'Namespace')?.metadata.name;
    // A Service name, optionally with its namespace and the cluster suffix.
    const serviceOf = (labels) => {
        const [svc, ns, ...rest] = labels;
        const suffix = rest.join('.');
        if (ns !== undefined && (!['', 'svc', 'svc.cluster.local'].includes(suffix) || ns !== namespace))
            return null;
        return find('Service', svc);
    };
    // A StatefulSet pod's name, "<set>-<ordinal>.<governing service>[...]": the pod it names.
    const statefulPod = (host) => {
        const [pod, ...rest] = host.split('.');
        const s = rest.length ? serviceOf(rest) : null;
        if (!s) return null;
        for (const set of objects.filter((o) => o.kind === 'StatefulSet')) {
            const m = new RegExp(`^${set.metadata.name}-(\\d+)$`).exec(pod);
            if (m && set.spec?.serviceName === s.metadata.name)
                return { service: s, set, ordinal: Number(m[1]) };
        }
        return null;
    };
    const service = (host) => statefulPod(host)?.service ?? serviceOf(host.split('.'));
    // cluster.chronos lists every Chronos pod by its own name, so that the Portal keeps a channel
    // per candidate and follows the leader (one name for both would alternate between them).
    const sets = deployments.filter((d) => d.kind === 'StatefulSet' && component(d) === 'chronos');
    if (sets.length === 1) {
        const set = sets[0];
        const listed = (config?.cluster?.chronos ?? []).map((e) => statefulPod(hostOf(e)));
        const ordinals = listed.filter((p) => p && p.set === set).map((p) => p.ordinal).sort();
        const want = [...Array(set.spec?.replicas ?? 1).keys()];
        if (JSON.stringify(ordinals) !== JSON.stringify(want) || listed.length !== want.length)
            errors.push(
                `cluster.chronos must list each pod of StatefulSet/${set.metadata.name} by name ` +
                    `(${want.map((i) => `${set.metadata.name}-${i}.${set.spec?.serviceName}`).join(', ')})`,
            );
        const governing = find('Service', set.spec?.serviceName);
        if (!governing || governing.spec?.clusterIP !== 'None')
            errors.push(`StatefulSet/${set.metadata.name}: serviceName must name a headless Service`);
    }
    for (const c of ['archive', 'vulcan', 'chronos']) {
        for (const endpoint of config?.cluster?.[c] ?? []) {
            const s = service(hostOf(endpoint));
            if (!s) {
                errors.push(`cluster.${c}: ${endpoint} names no Service of the manifests`);
                continue;
            }
            const ds = selecting(s.spec?.selector);
            if (ds.length !== 1 || component(ds[0]) !== c) {
                errors.push(
                    `cluster.${c}: Service ${s.metadata.name} does not lead to the ${c} pods`,
                );
                continue;
            }
            const p = (s.spec.ports ?? []).find((x) => x.port === portOf(endpoint));
            const target = p && containerPort(ds[0], p.targetPort ?? p.port);
            if (!target)
                errors.push(
                    `cluster.${c}: Service ${s.metadata.name} has no port ${portOf(endpoint)} leading to a container port`,
                );
            else if (target.containerPort !== grpcPort)
                errors.push(
                    `cluster.${c}: ${endpoint} reaches container port ${target.containerPort}, but cluster.grpc_listen is ${grpcPort}`,
                );
        }
    }
    for (const d of deployments) {
        const c = component(d);
        if (c !== 'portal' && containerPort(d, 'grpc')?.containerPort !== grpcPort)
            errors.push(
                `${d.kind}/${d.metadata.name}: the port named grpc must be cluster.grpc_listen's, ${grpcPort}`,
            );
        if (c === 'portal' && containerPort(d, 'rpc')?.containerPort !== uint(config?.rpc?.port))
            errors.push(
                `${d.kind}/${d.metadata.name}: the port named rpc must be rpc.port, ${config?.rpc?.port}`,
            );
    }
    if (portOf(config?.ops?.listen ?? '') !== kOpsPort)
        errors.push(
            `ops.listen must be on port ${kOpsPort} (the port named ops of every container)`,
        );
    if (
        config?.store?.mysql?.user !== '@@DB_USER@@' ||
        config?.store?.mysql?.password !== '@@DB_PASSWORD@@'
    ) {
        errors.push(
            'store.mysql.user and .password must be the placeholders @@DB_USER@@ and @@DB_PASSWORD@@ (render-config.sh fills them from the Secret)',
        );
    }
}
