#!/bin/sh
# Runs gather's JMH micro-benchmarks (src/test/java/gather/jmh) and prints MB/s.
#
#   src/test/sh/jmh.sh                      all benchmarks: -f 2 -wi 5 -w 1 -i 5 -r 1
#   src/test/sh/jmh.sh -f 1 ChunkedBench    any JMH options (they replace the defaults)
#   src/test/sh/jmh.sh -h                   JMH's own help
#
# Compiles the test sources with Maven (the JMH annotation processor generates the harness),
# asks Maven for the test classpath, then runs org.openjdk.jmh.Main with a Java >= 21 found like
# the launcher src/main/sh/gather finds it: $GATHER_JAVA, $JAVA_HOME, java on PATH, then the
# newest JDK in the usual install folders. JMH's JSON result goes to target/jmh-result.json;
# JmhReport turns it into a Markdown table of MB/s.

set -eu

MIN_FEATURE=21

# --- find Java (the same rules as src/main/sh/gather; POSIX sh) ---

resolve_links() {
    resolved=$1
    rl_n=0
    while [ -L "$resolved" ] && [ "$rl_n" -lt 40 ]; do
        rl_target=$(readlink -- "$resolved" 2>/dev/null) || rl_target=
        [ -n "$rl_target" ] || break
        case $rl_target in
            /*) resolved=$rl_target ;;
            *) case $resolved in
                   */*) resolved=${resolved%/*}/$rl_target ;;
                   *) resolved=$rl_target ;;
               esac ;;
        esac
        rl_n=$((rl_n + 1))
    done
}

# java_version JAVA: sets $version and $feature (empty when it cannot be told)
java_version() {
    version= feature=
    resolve_links "$1"
    jv_home=${resolved%/*}
    jv_home=${jv_home%/*}
    if [ -n "$jv_home" ] && [ -r "$jv_home/release" ]; then
        while IFS= read -r jv_line || [ -n "$jv_line" ]; do
            case $jv_line in
                JAVA_VERSION=*)
                    version=${jv_line#JAVA_VERSION=}
                    version=${version#\"}
                    version=${version%%\"*}
                    break ;;
            esac
        done < "$jv_home/release"
    fi
    if [ -z "$version" ]; then
        jv_out=$("$1" -version 2>&1) || jv_out=
        case $jv_out in
            *' version "'*) version=${jv_out#*' version "'}; version=${version%%\"*} ;;
        esac
    fi
    case $version in
        1.*) feature=${version#1.} ;;
        *) feature=$version ;;
    esac
    feature=${feature%%[!0-9]*}
}

# version_gt A B: true when dotted version A is newer than B
version_gt() {
    vg_a=$1 vg_b=$2
    while [ -n "$vg_a" ] || [ -n "$vg_b" ]; do
        vg_x=${vg_a%%[!0-9]*} vg_y=${vg_b%%[!0-9]*}
        vg_x=${vg_x:-0} vg_y=${vg_y:-0}
        [ "$vg_x" -gt "$vg_y" ] && return 0
        [ "$vg_x" -lt "$vg_y" ] && return 1
        case $vg_a in *[!0-9]*) vg_a=${vg_a#"${vg_a%%[!0-9]*}"}; vg_a=${vg_a#?} ;; *) vg_a= ;; esac
        case $vg_b in *[!0-9]*) vg_b=${vg_b#"${vg_b%%[!0-9]*}"}; vg_b=${vg_b#?} ;; *) vg_b= ;; esac
    done
    return 1
}

# usable JAVA: true (and $java set) when JAVA is an executable of Java >= 21
usable() {
    [ -f "$1" ] && [ -x "$1" ] || return 1
    java_version "$1"
    [ -n "$feature" ] && [ "$feature" -ge "$MIN_FEATURE" ] || return 1
    java=$1
}

java=
if [ -n "${GATHER_JAVA:-}" ]; then
    gj=$GATHER_JAVA
    [ -d "$gj" ] && gj=$gj/bin/java
    usable "$gj" || { echo "jmh.sh: GATHER_JAVA=$GATHER_JAVA is not a Java $MIN_FEATURE or newer" >&2; exit 2; }
fi
[ -z "$java" ] && [ -n "${JAVA_HOME:-}" ] && usable "${JAVA_HOME%/}/bin/java" || :
if [ -z "$java" ] && path_java=$(command -v java 2>/dev/null); then
    usable "$path_java" || :
fi
if [ -z "$java" ]; then
    h=${HOME:-/nonexistent}
    search=${GATHER_JDK_SEARCH_PATH-/usr/lib/jvm/*:/usr/lib64/jvm/*:/usr/java/*:/opt/java/*:/opt/jdk*:/Library/Java/JavaVirtualMachines/*/Contents/Home:/opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home:/usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home:$h/.sdkman/candidates/java/*:$h/.jdks/*}
    best= best_version=
    saved_ifs=$IFS
    IFS=:
    for dir in $search; do
        IFS=$saved_ifs
        cand=$dir/bin/java
        [ -f "$cand" ] && [ -x "$cand" ] || continue
        java_version "$cand"
        [ -n "$feature" ] && [ "$feature" -ge "$MIN_FEATURE" ] || continue
        if [ -z "$best" ] || version_gt "$version" "$best_version"; then
            best=$cand best_version=$version
        fi
    done
    IFS=$saved_ifs
    java=$best
fi
if [ -z "$java" ]; then
    echo "jmh.sh: no Java $MIN_FEATURE or newer found; set JAVA_HOME or GATHER_JAVA to one" >&2
    exit 2
fi

# --- build, classpath, run ---

cd "$(dirname "$0")/../../.."   # the project folder (this script is src/test/sh/jmh.sh)

mvn -B -q test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile=target/jmh-classpath.txt -Dmdep.includeScope=test
cp=target/test-classes:target/classes:$(cat target/jmh-classpath.txt)

[ $# -gt 0 ] || set -- -f 2 -wi 5 -w 1 -i 5 -r 1
case " $* " in
    *' -h '*|*' -l '*|*' -lp '*|*' -L '*|*' -lprof '*) exec "$java" -cp "$cp" org.openjdk.jmh.Main "$@" ;;
esac

echo "Java: $java ($("$java" -version 2>&1 | head -n 1))"
"$java" -cp "$cp" org.openjdk.jmh.Main "$@" -rf json -rff target/jmh-result.json
echo
echo "MB/s (MB = 1,000,000 bytes), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc 2>/dev/null || echo '?') CPUs, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'):"
"$java" -cp "$cp" gather.jmh.JmhReport target/jmh-result.json
