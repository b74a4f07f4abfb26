#!/bin/sh
# aot-train.sh DIR: writes DIR/gather.aot and DIR/gather.aot.version, the AOT cache that
# DIR/gather (the launcher) uses with Java 25 or newer, from one short training run:
# `gather demo` (local HTTP and HTTPS servers fetched through the real engine: TLS,
# HTTP/1.1, the reporter's human lines and JSON document, picocli). The launcher picks
# the Java (its own discovery) and the jar path (DIR/gather.jar, absolute), so the cache
# matches what it runs later.
#
# Run by `mvn package` (antrun execution `aot-cache`, after the launcher is copied).
# Never fails the build: whatever goes wrong (no Java 25, training fails or hangs) it
# prints a warning, leaves no cache and exits 0; the launcher then runs without one.
# The training run's output is kept in DIR/gather.aot.log.

dir=${1:?usage: aot-train.sh DIR (the folder of gather and gather.jar)}
case $dir in
    /*) ;;
    *) dir=$PWD/$dir ;;
esac
aot=$dir/gather.aot
log=$dir/gather.aot.log

warn() {
    printf 'aot-train: warning: %s\n' "$*" >&2
}

rm -f -- "$aot" "$aot.version"
if [ ! -x "$dir/gather" ] || [ ! -f "$dir/gather.jar" ]; then
    warn "no $dir/gather or gather.jar: no AOT cache"
    exit 0
fi

# A hung training run must not hang the build: 120 s, then the whole process group goes.
limit=
command -v timeout >/dev/null 2>&1 && limit="timeout -k 5 120"

# shellcheck disable=SC2086  # $limit is empty or a command with arguments
GATHER_AOT_OUTPUT=$aot $limit "$dir/gather" demo --pages 300 --delay 0 </dev/null >"$log" 2>&1
rc=$?

if [ "$rc" -eq 0 ] && [ -s "$aot" ] && [ -s "$aot.version" ]; then
    exit 0
fi
if [ "$rc" -eq 0 ] && [ ! -e "$aot" ] && [ ! -e "$aot.version" ]; then
    # the launcher skipped it (Java older than 25): pass its one-line note on
    note=$(grep -m 1 'GATHER_AOT_OUTPUT' "$log" 2>/dev/null)
    note=${note#gather: }
    warn "no AOT cache: ${note:-the training run wrote none} (see $log)"
    exit 0
fi
rm -f -- "$aot" "$aot.version"
warn "the AOT training run failed (exit $rc), no AOT cache; gather runs without one (see $log)"
exit 0
