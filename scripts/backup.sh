#!/usr/bin/env bash
# Back up the whole service: the PostgreSQL database and the stored files (MEDIA_ROOT).
#
#   DATABASE_URL=postgres://… MEDIA_ROOT=/srv/partnership/media scripts/backup.sh /backups/2026-11-23
#
# Writes database.dump (pg_dump's custom format: compressed, restorable table by table) and
# media.tar.gz, then SHA256SUMS of both. Run it from cron or a systemd timer; keep copies off
# the machine. pg_dump must be at least the server's version. With docker compose, see README
# ("Backing up and restoring") for the same two files made from the db and web containers.
set -euo pipefail
out="${1:?usage: scripts/backup.sh OUTPUT_FOLDER}"
: "${DATABASE_URL:?set DATABASE_URL to the service database}"
media="${MEDIA_ROOT:-media}"
mkdir -p "$out"
pg_dump --format=custom --no-owner --no-privileges --file="$out/database.dump" "$DATABASE_URL"
if [ -d "$media" ]; then
    tar -C "$media" -czf "$out/media.tar.gz" .
else
    tar -czf "$out/media.tar.gz" --files-from=/dev/null
fi
(cd "$out" && sha256sum database.dump media.tar.gz > SHA256SUMS)
echo "Backed up to $out"
