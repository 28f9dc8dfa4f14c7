#!/usr/bin/env bash
# Regenerates the EF Core migrations of both providers from the current model.
# Usage: scripts/migrations.sh NAME        adds migration NAME for Sqlite and MySql
#        scripts/migrations.sh --reset     deletes all migrations and recreates InitialCreate (before the first release only)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
name=${1:?migration name or --reset}
if [ "$name" = "--reset" ]; then
  rm -rf src/Infrastructure/Persistence/Migrations/Sqlite src/Infrastructure/Persistence/Migrations/MySql
  name=InitialCreate
fi
dotnet build src/Infrastructure -v q -nologo >/dev/null
for provider in Sqlite MySql; do
  dotnet ef migrations add "$name" --no-build --project src/Infrastructure --startup-project src/Infrastructure \
    --context "${provider}AppDbContext" --output-dir "Persistence/Migrations/$provider"
done
