# syntax=docker/dockerfile:1
# first-reply: compile with the toolchain, run on a slim image as a non-root user. The runtime stage
# copies only what runs (the compiled service, production dependencies, the console's pages, the
# example knowledge file): no tests, no TypeScript sources, no compiler.

FROM node:20-bookworm AS build
WORKDIR /app
# better-sqlite3 compiles its native addon when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
ENV npm_config_yes=true
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json ./
COPY bot ./bot
COPY intents ./intents
COPY handoff ./handoff
COPY config ./config
COPY store ./store
COPY shared ./shared
RUN npm run build

# Production dependencies: the build's node_modules without the dev ones (native addons built once).
FROM build AS deps
RUN npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
# KNOWLEDGE_FILE on the volume: the entrypoint puts the example there on first start.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data KNOWLEDGE_FILE=/data/knowledge.yaml
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/bot ./dist/bot
COPY --from=build /app/dist/intents ./dist/intents
COPY --from=build /app/dist/handoff ./dist/handoff
COPY --from=build /app/dist/config ./dist/config
COPY --from=build /app/dist/store ./dist/store
COPY --from=build /app/dist/shared ./dist/shared
COPY package.json ./
COPY config/knowledge.yaml ./config/knowledge.yaml
# The console's pages are served as they are (no build step).
COPY handoff/console/public ./handoff/console/public
COPY docker/entrypoint.sh ./docker/entrypoint.sh
# `docker exec <container> first-reply users add …` uses the service's settings (DATA_DIR, REDIS_URL).
RUN chmod +x dist/bot/cli.js docker/entrypoint.sh && ln -s /app/dist/bot/cli.js /usr/local/bin/first-reply \
  && mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["node", "dist/bot/main.js"]
