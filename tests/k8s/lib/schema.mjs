// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// One Kubernetes object against the API's schemas, offline.
//
// 1. kubernetes-models (pinned in package-lock.json) carries the OpenAPI definitions of the
//    Kubernetes API (1.32: PodSpec has `resources`) compiled into validators: `validate()` checks
//    types, required fields, enums and formats, and refuses an apiVersion the kind does not have.
// 2. Those schemas allow any extra field, which the API server does not: kubectl asks for strict
//    field validation, and a misspelt field ("livenessprobe") is refused at apply time. So every
//    field of the object must also be a property of its type, as the same package declares the
//    types (its generated .d.ts files: one interface per file, one `"field"?: Type;` a line).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const modules = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules');
const models = path.join(modules, 'kubernetes-models');

/// "apps/v1" + "Deployment" -> "apps/v1/Deployment" inside kubernetes-models, or null.
function modelPath(apiVersion, kind) {
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') return null;
    if (!/^[a-z0-9.]+(\/[a-z0-9]+)?$/.test(apiVersion) || !/^[A-Z]\w*$/.test(kind)) return null;
    const rel = `${apiVersion}/${kind}`;
    return existsSync(path.join(models, `${rel}.mjs`)) ? rel : null;
}

const declarations = new Map(); // .d.ts file -> {fields, imports} or null (no interface in it)

function resolveImport(from, spec) {
    return spec.startsWith('.')
        ? path.resolve(path.dirname(from), `${spec}.d.ts`)
        : path.join(modules, `${spec}.d.ts`);
}

function declaration(file) {
    if (declarations.has(file)) return declarations.get(file);
    let found = null;
    if (existsSync(file)) {
        const text = readFileSync(file, 'utf8');
        const body = /^export interface \w+(?: extends [\w, ]+)? \{\n([\s\S]*?)\n\}/m.exec(text);
        if (body) {
            const imports = new Map();
            for (const m of text.matchAll(/^import \{ (\w+) \} from "([^"]+)";$/gm)) {
                imports.set(m[1], resolveImport(file, m[2]));
            }
            const fields = new Map();
            for (const m of body[1].matchAll(/^ {4}"([^"]+)"\??: (.*?);?$/gm))
                fields.set(m[1], m[2]);
            found = { fields, imports };
        }
    }
    declarations.set(file, found);
    return found;
}

/// Fields of `value` (of the type declared in `file`) that the type does not have, recursively.
function unknownFields(value, file, at, out) {
    const decl = declaration(file);
    if (!decl || value === null || typeof value !== 'object' || Array.isArray(value)) return;
    for (const [key, child] of Object.entries(value)) {
        const type = decl.fields.get(key);
        if (type === undefined) {
            out.push(
                `${at}/${key}: unknown field (${path.basename(file, '.d.ts')} has no "${key}")`,
            );
            continue;
        }
        const ref = /^(Array<)?(I\w+)>?$/.exec(type);
        const target = ref && decl.imports.get(ref[2]);
        if (!target) continue; // a scalar, an enum, a map or a type alias: validate() checks it
        if (ref[1]) {
            if (Array.isArray(child))
                child.forEach((item, i) => unknownFields(item, target, `${at}/${key}/${i}`, out));
        } else {
            unknownFields(child, target, `${at}/${key}`, out);
        }
    }
}

/// The problems of one object as strings ("data/spec/replicas must be integer", ...); [] when it
/// is a valid object of a kind this package knows.
export async function schemaErrors(object) {
    if (object === null || typeof object !== 'object' || Array.isArray(object))
        return ['not an object'];
    const rel = modelPath(object.apiVersion, object.kind);
    if (!rel) return [`unknown apiVersion/kind ${object.apiVersion}/${object.kind}`];
    const errors = [];
    const Model = Object.values(await import(`kubernetes-models/${rel}`))[0];
    try {
        new Model(object).validate();
    } catch (e) {
        errors.push(...String(e.message).split(', '));
    }
    const root = path.join(models, `${rel}.d.ts`);
    if (!declaration(root))
        return [...errors, `no type declaration for ${rel} (kubernetes-models changed?)`];
    unknownFields(object, root, 'data', errors);
    return errors;
}
