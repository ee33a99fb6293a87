// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// quantities.test.mjs, unchanged, against Foundry's Anvil (the pinned binary of node_modules):
// the same script gives the same answers there as on `yaoverse dev`.
process.env.E2E_TARGET = 'anvil';
await import('./quantities.test.mjs');
