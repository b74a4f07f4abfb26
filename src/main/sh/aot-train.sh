#!/bin/sh
# aot-train.sh DIR: writes DIR/gather.aot (+ .version), the AOT cache that DIR/gather (the
# launcher) uses with Java 25 or newer, from one training run through the launcher (its
# Java, its jar path, so the cache matches what it runs later).
#
# One cache for every run, trained on http and https pages, so https runs start fast too.
# (Two caches, http-only and http+https, picked by a guess at the arguments, saved ~25 ms on
# one http URL and cost a guess: not kept. src/site/markdown/experiments.md.)
#
# The pages come from `gather demo --serve` in a JVM of its own, so the server side (the JDK's
# HTTP server, server-side TLS) stays out of the cache. The training run is the bench's
# shape: `gather -j 50 -i URLS --json` (human lines to stderr, the JSON document to stdout).
#
# Run by `mvn package` (antrun execution `aot-cache`, after the launcher is copied).
# - The launcher's Java is 21-24 (no AOT cache possible): one note, exit 0, no cache.
# - Java 25 or newer and anything fails (the servers, the run, no cache written, a time
#   limit): a message on stderr, the end of the log, exit 1: the build fails.
# The runs' output is kept in DIR/gather.aot.log.

dir=${1:?usage: aot-train.sh DIR (the folder of gather and gather.jar)}
case $dir in
    /*) ;;
    *) dir=$PWD/$dir ;;
esac
log=$dir/gather.aot.log
work=$dir/aot-train
cache=$dir/gather.aot
pages=1000
server=

fail() {
    printf 'aot-train: FAILED: %s\n' "$*" >&2
    if [ -s "$log" ]; then
        printf 'aot-train: the last lines of %s:\n' "$log" >&2
        tail -n 20 -- "$log" >&2
    fi
    printf 'aot-train: to build without the cache: mvn ... -Dgather.aot.skip\n' >&2
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -f -- "$cache" "$cache.version"
    rm -rf -- "$work"
    exit 1
}

rm -f -- "$cache" "$cache.version"
rm -rf -- "$work"
: > "$log" || fail "cannot write $log"
[ -x "$dir/gather" ] && [ -f "$dir/gather.jar" ] || fail "no $dir/gather or $dir/gather.jar"

# --- which Java the launcher runs ---
java_info=$(GATHER_WHICH_JAVA=1 "$dir/gather" 2>>"$log") || fail "the launcher found no Java 21 or newer"
java_version=${java_info##* }
java_feature=${java_version%%[!0-9]*}
if [ -z "$java_feature" ] || [ "$java_feature" -lt 25 ]; then
    printf 'aot-train: note: Java %s (%s) cannot write an AOT cache (needs 25 or newer): no cache, gather starts without one.\n' \
        "$java_version" "${java_info% *}"
    exit 0
fi
mkdir -p -- "$work" || fail "cannot create $work"

# A hung run must not hang the build: every run has a time limit, then it is killed.
limit=
command -v timeout >/dev/null 2>&1 && limit="timeout -k 5"

# --- the servers ---
# shellcheck disable=SC2086  # $limit is empty or a command with arguments
${limit:+$limit 600} "$dir/gather" demo --serve --pages "$pages" --delay 0 </dev/null >"$work/all.urls" 2>>"$log" &
server=$!
n=0
while [ "$(grep -c '^http' "$work/all.urls" 2>/dev/null)" != "$pages" ]; do
    n=$((n + 1))
    kill -0 "$server" 2>/dev/null || fail "gather demo --serve ended before it printed its $pages URLs"
    [ "$n" -lt 1200 ] || fail "gather demo --serve did not print its $pages URLs within 120 s"
    sleep 0.1
done
ca=$(sed -n 's/^# --cacert //p' "$work/all.urls")
[ -n "$ca" ] || fail "gather demo --serve printed no '# --cacert FILE' line"

# --- the training run: http and https pages ---
printf '== training %s: gather -j 50 -i %s --cacert %s --json\n' "$cache" "$work/all.urls" "$ca" >> "$log"
# shellcheck disable=SC2086
GATHER_AOT_OUTPUT=$cache ${limit:+$limit 600} "$dir/gather" -j 50 -i "$work/all.urls" --cacert "$ca" --json \
    </dev/null >/dev/null 2>>"$log"
rc=$?
[ "$rc" -eq 0 ] || fail "the training run exited with $rc (1: a page failed; 124: the time limit)"
[ -s "$cache" ] && [ -s "$cache.version" ] || fail "the training run wrote no $cache"

kill "$server" 2>/dev/null
wait "$server" 2>/dev/null
rm -rf -- "$work"
printf 'aot-train: %s (Java %s)\n' "$cache" "$java_version"
exit 0
