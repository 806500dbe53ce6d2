#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an empty database and an empty files folder.
#
#   DATABASE_URL=postgres://…/partnership_new MEDIA_ROOT=/srv/partnership/media scripts/restore.sh /backups/2026-11-23
#
# Checks the backup's SHA256SUMS first; refuses a database that already has tables.
set -euo pipefail
in="${1:?usage: scripts/restore.sh BACKUP_FOLDER}"
: "${DATABASE_URL:?set DATABASE_URL to the (empty) database to restore into}"
media="${MEDIA_ROOT:-media}"
(cd "$in" && sha256sum --check --quiet SHA256SUMS)
tables="$(psql "$DATABASE_URL" -Atc "select count(*) from information_schema.tables where table_schema = 'public'")"
if [ "$tables" != "0" ]; then
    echo "The database already has $tables tables: restore into an empty database." >&2
    exit 1
fi
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" "$in/database.dump"
mkdir -p "$media"
tar -C "$media" -xzf "$in/media.tar.gz"
echo "Restored $in"
