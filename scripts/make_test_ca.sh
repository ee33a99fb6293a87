#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
# Makes a throwaway certificate authority and certificates under DIR, for tests and local
# clusters (never for production):
#   ca.pem ca.key            the test CA
#   server.pem server.key    CN=localhost, SAN localhost, 127.0.0.1, ::1; signed by the CA
#   client.pem client.key    CN=yaoverse-client; signed by the CA (for mutual TLS)
#   node.pem node.key        CN=yaoverse-node, SAN localhost, 127.0.0.1, ::1, server and client
#                            use: what each process of a local cluster presents (cluster.tls)
#   stranger.pem stranger.key  a self-signed client certificate the CA did not sign
# Usage: scripts/make_test_ca.sh DIR
set -euo pipefail
dir=${1:?usage: make_test_ca.sh DIR}
mkdir -p "$dir"
cd "$dir"
days=30
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

key ca.key
openssl req -x509 -new -key ca.key -sha256 -days "$days" -subj "/CN=YaoVerse test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -out ca.pem 2>/dev/null

sign() {  # name subject extensions
  key "$1.key"
  openssl req -new -key "$1.key" -subj "$2" -out "$1.csr" 2>/dev/null
  printf '%s\n' "$3" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -sha256 \
    -days "$days" -extfile "$1.ext" -out "$1.pem" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}
sign server "/CN=localhost" "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1
extendedKeyUsage=serverAuth"
sign client "/CN=yaoverse-client" "extendedKeyUsage=clientAuth"
sign node "/CN=yaoverse-node" "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1
extendedKeyUsage=serverAuth,clientAuth"

key stranger.key
openssl req -x509 -new -key stranger.key -sha256 -days "$days" -subj "/CN=stranger" \
  -out stranger.pem 2>/dev/null
chmod 600 ./*.key
