#!/bin/sh
# The image's start. On a fresh data volume the example knowledge file is copied to KNOWLEDGE_FILE
# (the image points it at the volume): the console's editor can publish to it, and what is published
# survives restarts and image upgrades. The copy is renamed into place, so instances starting together
# on one shared volume never read half a file. Then the command runs (the service, or any other given).
set -eu
app=$(cd "$(dirname "$0")/.." && pwd)
example="$app/config/knowledge.yaml"
if [ -n "${KNOWLEDGE_FILE:-}" ] && [ ! -e "$KNOWLEDGE_FILE" ]; then
  partial="$KNOWLEDGE_FILE.$$.partial"
  if ! { mkdir -p "$(dirname "$KNOWLEDGE_FILE")" && cp "$example" "$partial" && mv -f "$partial" "$KNOWLEDGE_FILE"; } 2>/dev/null; then
    echo "first-reply cannot start: KNOWLEDGE_FILE $KNOWLEDGE_FILE: missing, and the example cannot be copied there (is the folder writable by user $(id -un)?)" >&2
    exit 2
  fi
  echo "first-reply: no knowledge file at $KNOWLEDGE_FILE: copied the example there (edit and publish it at /console/knowledge)" >&2
fi
if [ "$#" -eq 0 ]; then set -- node "$app/dist/bot/main.js"; fi
exec "$@"
