// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors

import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const vectorsDir = resolve(here, "../../../tests/vectors");

export function writeVectors(name, obj) {
    mkdirSync(vectorsDir, { recursive: true });
    const path = resolve(vectorsDir, name);
    writeFileSync(path, JSON.stringify(obj, null, 2) + "\n");
    return path;
}

export function check(cond, msg) {
    if (!cond) {
        throw new Error("CHECK FAILED: " + msg);
    }
}
