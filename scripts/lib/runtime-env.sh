# shellcheck shell=bash
# The .NET runtime settings the deploy kit's systemd unit gives the app (its Environment= lines), so the benchmarks and
# the reliability suite run the app as production does (decision 136).
#
#   ae_runtime_env   prints them as VAR=value, one per line, leaving out any VAR already set in the caller's
#                    environment (an experiment such as `DOTNET_GCgen0size=0x4000000 bench/run.sh` wins)
ae_runtime_env() {
  local unit line name
  unit="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/deploy/systemd/appointease.service"
  while IFS= read -r line; do
    name="${line%%=*}"
    [ -n "${!name+x}" ] || printf '%s\n' "$line"
  done < <(sed -n 's/^Environment=//p' "$unit")
}
