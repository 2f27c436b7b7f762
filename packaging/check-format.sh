#!/usr/bin/env bash
# Fails when a C++ file of the repository differs from what clang-format makes of it under .clang-format.
# Run by .ci/run before the build. To fix a drift: git ls-files '*.cpp' '*.h' | xargs clang-format-14 -i
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh >/dev/null
formatter=$(command -v clang-format-14 || command -v clang-format)
drift=()
while IFS= read -r f; do
  if ! "$formatter" --dry-run -Werror "$f" >/dev/null 2>&1; then
    drift+=("$f")
  fi
done < <(git ls-files '*.cpp' '*.h')
if [ ${#drift[@]} -gt 0 ]; then
  echo "check-format: ${#drift[@]} file(s) differ from .clang-format ($("$formatter" --version)):" >&2
  printf '  %s\n' "${drift[@]}" >&2
  echo "check-format: run  git ls-files '*.cpp' '*.h' | xargs $(basename "$formatter") -i" >&2
  exit 1
fi
echo "check-format: $(git ls-files '*.cpp' '*.h' | wc -l) files match .clang-format."
