#!/usr/bin/env bash
# Adds an EF Core migration for both providers from the current model.
# Usage: scripts/migrations.sh NAME        adds migration NAME for Sqlite and MySql
# Migrations are additive and reviewed; existing ones are never regenerated (docs/decisions/080).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
name=${1:?migration name}
case "$name" in
  -*) echo "migrations.sh: existing migrations are never regenerated (decision 080); give a new migration's name" >&2; exit 2 ;;
esac
dotnet build src/Infrastructure -v q -nologo >/dev/null
for provider in Sqlite MySql; do
  dotnet ef migrations add "$name" --no-build --project src/Infrastructure --startup-project src/Infrastructure \
    --context "${provider}AppDbContext" --output-dir "Persistence/Migrations/$provider"
done
