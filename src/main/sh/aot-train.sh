#!/bin/sh
# aot-train.sh DIR: writes the AOT caches that DIR/gather (the launcher) uses with Java 25 or
# newer, each from one short training run through the launcher (its Java, its jar path, so the
# cache matches what it runs later):
#   DIR/gather.aot      trained on plain http: used by default;
#   DIR/gather-tls.aot  trained on http and https: used when the run looks like https.
# Why two: a cache's classes are all loaded when the JVM starts, so its size is start-up time.
# The TLS stack (JSSE, PKIX, the crypto providers) is ~40% of the classes; measured on one http
# URL: ~188 ms with the TLS cache, ~161 ms with the http one (one https URL: 621 against 745 ms).
#
# The pages come from `gather demo --serve` in a JVM of its own, so the server side (the JDK's
# HTTP server, server-side TLS) stays out of the caches. Each training run is the bench's
# shape: `gather -j 50 -i URLS --json` (human lines to stderr, the JSON document to stdout).
#
# Run by `mvn package` (antrun execution `aot-cache`, after the launcher is copied).
# Never fails the build: whatever goes wrong (no Java 25, a run fails or hangs) it prints a
# warning and leaves no cache (or only the http one); the launcher then runs without.
# The runs' output is kept in DIR/gather.aot.log.

dir=${1:?usage: aot-train.sh DIR (the folder of gather and gather.jar)}
case $dir in
    /*) ;;
    *) dir=$PWD/$dir ;;
esac
log=$dir/gather.aot.log
work=$dir/aot-train
plain=$dir/gather.aot
tls=$dir/gather-tls.aot

warn() {
    printf 'aot-train: warning: %s\n' "$*" >&2
}

rm -f -- "$plain" "$plain.version" "$tls" "$tls.version"
rm -rf -- "$work"
if [ ! -x "$dir/gather" ] || [ ! -f "$dir/gather.jar" ]; then
    warn "no $dir/gather or gather.jar: no AOT cache"
    exit 0
fi
mkdir -p -- "$work" || { warn "cannot create $work: no AOT cache"; exit 0; }
: > "$log"

# A hung run must not hang the build: every run has a time limit, then its process group goes.
limit=
command -v timeout >/dev/null 2>&1 && limit="timeout -k 5"

# --- the servers ---
# shellcheck disable=SC2086  # $limit is empty or a command with arguments
${limit:+$limit 300} "$dir/gather" demo --serve --pages 1000 --delay 0 </dev/null >"$work/all.urls" 2>>"$log" &
server=$!
stop_server() {
    kill "$server" 2>/dev/null
    wait "$server" 2>/dev/null
}
n=0
while [ "$(grep -c '^http' "$work/all.urls" 2>/dev/null)" != 1000 ]; do
    n=$((n + 1))
    if [ "$n" -gt 600 ] || ! kill -0 "$server" 2>/dev/null; then
        stop_server
        # the launcher says why when it is the Java (older than 25 is fine for serving)
        warn "the demo servers did not start (see $log): no AOT cache"
        exit 0
    fi
    sleep 0.1
done
ca=$(sed -n 's/^# --cacert //p' "$work/all.urls")
grep '^http:' "$work/all.urls" > "$work/http.urls"

# --- the training runs ---
train() {  # train CACHE ARGS...: one run writes CACHE (and CACHE.version)
    tr_cache=$1
    shift
    printf '== training %s: gather %s\n' "$tr_cache" "$*" >> "$log"
    # shellcheck disable=SC2086
    GATHER_AOT_OUTPUT=$tr_cache ${limit:+$limit 120} "$dir/gather" "$@" </dev/null >/dev/null 2>>"$log"
    tr_rc=$?
    if [ "$tr_rc" -eq 0 ] && [ -s "$tr_cache" ] && [ -s "$tr_cache.version" ]; then
        return 0
    fi
    if [ "$tr_rc" -eq 0 ] && [ ! -e "$tr_cache" ]; then
        # the launcher skipped it (Java older than 25): pass its one-line note on
        tr_note=$(grep -m 1 'GATHER_AOT_OUTPUT' "$log" 2>/dev/null)
        tr_note=${tr_note#gather: }
        warn "no AOT cache: ${tr_note:-the training run wrote none} (see $log)"
    else
        warn "the AOT training run for $tr_cache failed (exit $tr_rc), no such cache; gather runs without (see $log)"
    fi
    rm -f -- "$tr_cache" "$tr_cache.version"
    return 1
}

train "$plain" -j 50 -i "$work/http.urls" --json &&
    train "$tls" -j 50 -i "$work/all.urls" --cacert "$ca" --json
stop_server
rm -rf -- "$work"
exit 0
