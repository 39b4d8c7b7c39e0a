# okr-bot's image: `docker build -t okr-bot .` (NODE_VERSION: 24, the active LTS, or 22).
ARG NODE_VERSION=24

# Build: install, generate the Prisma clients, compile TypeScript, then drop everything dev.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
# Dependencies first, so a change to src/ reuses this layer (the postinstall build needs src: run it below).
# When better-sqlite3 has no prebuilt binary to download, node-gyp builds it against this image's own headers.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts && npm_config_nodedir=/usr/local npm rebuild better-sqlite3
COPY prisma.config.ts tsconfig.json tsconfig.build.json ./
COPY prisma ./prisma
RUN npm run db:generate
COPY src ./src
COPY scripts/image/prune-dev-optional.js ./scripts/image/
RUN npm run build && npm prune --omit=dev && node scripts/image/prune-dev-optional.js

# Run: only what the bot needs, as a non-root user.
FROM node:${NODE_VERSION}-bookworm-slim
# A font for the text in the digest's charts, and fontconfig's configuration through which resvg finds it.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core fontconfig-config \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_URL=file:/data/okr.db
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
RUN mkdir /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# `start` applies pending migrations before it serves. The entry applies okr-bot's own V8 memory
# defaults (src/cli/memoryDefaults.ts); NODE_OPTIONS=--max-old-space-size=… still caps the heap.
ENTRYPOINT ["node", "dist/cli/main.js"]
CMD ["start"]
