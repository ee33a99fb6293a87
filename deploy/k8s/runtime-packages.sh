#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
# deploy/k8s/runtime-packages.sh BINARY: the Debian packages that hold the shared libraries
# BINARY loads (ldd, then dpkg -S), one a line, sorted. The image's build stage runs it on the
# yaoverse it built and the runtime stage installs exactly these, so the image follows the
# binary's libraries without a list kept by hand. Fails when a library belongs to no package.
set -eu
binary=${1:?usage: runtime-packages.sh BINARY}
libs=$(ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }')
[ -n "$libs" ] || { echo "runtime-packages: ldd found no shared library in $binary" >&2; exit 1; }
packages=
for lib in $libs; do
  # Debian 12 records some libraries under /lib, others under /usr/lib (merged /usr): try the
  # path ldd printed, then its /usr form, then the file a symbolic link leads to.
  real=$(readlink -f "$lib")
  found=
  for path in "$lib" "/usr$lib" "$real" "/usr$real"; do
    if owner=$(dpkg -S "$path" 2>/dev/null); then
      found=${owner%%:*}
      break
    fi
  done
  [ -n "$found" ] || { echo "runtime-packages: no package holds $lib" >&2; exit 1; }
  packages="$packages $found"
done
printf '%s\n' $packages | sort -u
