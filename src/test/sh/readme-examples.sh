#!/usr/bin/env bash
# readme-examples.sh DIR: runs the README's examples as a user pastes them ("Try it by hand" and
# "The three uses", in order, in one shell) against `gather demo --serve`, with DIR/gather as
# target/gather, in a scratch folder; then checks what they must have made. Run by `mvn verify`
# (antrun execution `readme-examples`, after the launcher is built; -Dgather.readme.skip skips it),
# so an example that no longer runs as written fails the build.
set -u
dir=$(cd "${1:?usage: readme-examples.sh DIR (target)}" && pwd)
readme=$(cd "$(dirname "$0")/../../.." && pwd)/README.md
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/target"
ln -s "$dir/gather" "$dir/gather.jar" "$work/target/"
[ -f "$dir/gather.aot" ] && ln -s "$dir/gather.aot" "$dir/gather.aot.version" "$work/target/" 2>/dev/null
cd "$work" || exit 1

# the sh blocks of the two sections, in order; the demo server goes away whatever happens
printf 'trap '"'"'kill "${server:-}" 2>/dev/null'"'"' EXIT TERM\n' > examples.sh
awk '/^## Try it by hand/ {on=1} /^## Options/ {on=0}
     on && /^```sh/ {code=1; next} on && /^```/ {code=0; next} code {print}' "$readme" >> examples.sh
[ "$(wc -l < examples.sh)" -gt 1 ] || { echo "readme-examples: no examples found in $readme" >&2; exit 1; }
printf '\nkill "$server"   # the README: "kill $server when done"\n' >> examples.sh

timeout 300 bash examples.sh > examples.out 2>&1
status=$?
out=$(cat examples.out)
fail() {
    printf 'readme-examples: %s\n--- the examples printed:\n%s\n' "$1" "$out" >&2
    exit 1
}
[ "$status" -eq 0 ] || fail "the examples exited $status"
for f in page.html results.jsonl summary.json run.html junit.xml summary.md smoke.json; do
    [ -s "$f" ] || fail "$f was not written"
done
[ -d pages ] && [ "$(ls pages | wc -l)" -ge 1000 ] || fail "pages/ does not hold the batch's bodies"
[ "$(wc -l < results.jsonl)" -eq 1001 ] || fail "results.jsonl does not hold 1,000 results and the summary"
printf '%s\n' "$out" | grep -q '^exit 1$' || fail "the smoke check did not exit 1 as the README says"
printf '%s\n' "$out" | grep -q '^nothing regressed$' || fail "gather diff did not find the run unchanged"
grep -q '<testsuites' junit.xml || fail "junit.xml is not JUnit XML"
echo "readme-examples: ok ($(grep -c . examples.sh) lines of examples ran as written)"
