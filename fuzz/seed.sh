#!/usr/bin/env bash
# Fills build-fuzz/corpus/<target>/ with seeds from rules/, tests/data/ and tests/data/fuzz/
# (docs/fuzzing.md). Usage: fuzz/seed.sh [corpus-root]   (default: build-fuzz/corpus)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-$root/build-fuzz/corpus}"
data="$root/tests/data"
mkdir -p "$corpus"/{load,condition,facts,plan,request,snapshot,overlay}

# Copies files into a target's corpus under names that keep their origin.
add() {
    local target="$1"; shift
    local file
    for file in "$@"; do
        [ -f "$file" ] || continue
        local name="${file#"$root"/}"
        cp "$file" "$corpus/$target/${name//\//_}"
    done
}

# The shipped catalog as one input: its files joined by the split marker of fuzz_split.hpp.
joined="$corpus/load/shipped-catalog-joined.yaml"
first=1
: > "$joined"
while IFS= read -r file; do
    [ "$first" = 1 ] || printf '\n#--8<--\n' >> "$joined"
    cat "$file" >> "$joined"
    first=0
done < <(find "$root/rules" -name '*.yaml' | sort)
cp "$joined" "$corpus/plan/"

mapfile -t rule_files < <(find "$root/rules" "$data" -name '*.yaml' -not -path '*/fuzz/*' | sort)
add load "${rule_files[@]}"
add plan "$data"/lint/*.yaml "$data"/limits/catalog.yaml
# Overlays over the shipped catalog: the example and the test overlays.
add overlay "$root"/examples/overlays/*.yaml "$data"/overlay/*.yaml
mapfile -t facts_files < <(find "$data" -name 'facts*.yaml' -not -path '*/fuzz/*' | sort)
add facts "${facts_files[@]}"
mapfile -t answers_files < <(find "$data/form" -type f \( -name '*.json' -o -name '*.yaml' \) 2>/dev/null | sort)
add facts "${answers_files[@]}"

# Every `when` expression of the shipped catalog, one per seed.
n=0
while IFS= read -r expression; do
    n=$((n + 1))
    printf '%s' "$expression" > "$corpus/condition/rules-when-$n"
done < <(grep -rhoE "when: *['\"].*['\"]" "$root/rules" | sed -E "s/^when: *['\"]//; s/['\"]$//" | sort -u)

# Kept inputs: seeds and every crash found so far (replayed by tests/fuzz_replay_test.cpp).
for target in load condition facts plan request snapshot overlay; do
    add "$target" "$data/fuzz/$target"/*
done
for target in load condition facts plan request snapshot overlay; do
    echo "$target: $(find "$corpus/$target" -type f | wc -l) seeds"
done
