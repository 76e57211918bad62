#!/usr/bin/env bash
# Makes the base image ContainerImageIT builds Meridian's image on, unless podman already has it: a minimal Debian
# from the mirror apt uses on this machine (debootstrap), then Debian's Java 17 runtime on it. No registry needed.
# Usage: make-base-image.sh IMAGE WORK_DIR
set -euo pipefail
image="$1"
work="$2"
here="$(cd "$(dirname "$0")" && pwd)"

if podman image exists "$image"; then
    exit 0
fi
if ! podman image exists localhost/debian:bookworm; then
    mirror="$({ cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list \
        2>/dev/null || true; } | awk '/^URIs:/ && !/security/ { print $2; exit }
        /^deb / && !/security/ { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }')"
    root="$work/debian-root"
    rm -rf "$root"
    debootstrap --variant=minbase bookworm "$root" "${mirror:-http://deb.debian.org/debian}"
    tar -C "$root" -c . | podman import - localhost/debian:bookworm
    rm -rf "$root"
fi
podman build --network=host -f "$here/jre.Containerfile" -t "$image" "$here"
