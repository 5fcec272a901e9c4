# syntax=docker/dockerfile:1

# mission-crm — multi-stage image.
# node:24 ships npm 11 (needed for `npm ci` with the lockfile and the
# `allowScripts` field in package.json). package.json engines also allow
# ^22.13; override with --build-arg NODE_VERSION=22 if required
# (then npm 11 must be installed with `npm i -g npm@11`).
ARG NODE_VERSION=24

# ---------------------------------------------------------------------------
# Build stage: all dependencies (incl. dev) + TypeScript compile to dist/
# ---------------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app

COPY package.json package-lock.json ./
# npm ci runs the prepare script, which builds when there are sources: not yet, here.
COPY scripts/build-if-stale.js scripts/
RUN npm ci

COPY . .
RUN npm run build

# ---------------------------------------------------------------------------
# Runtime stage: production dependencies + compiled output only
# ---------------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app

COPY package.json package-lock.json ./
COPY scripts/build-if-stale.js scripts/
RUN npm ci --omit=dev \
    && npm cache clean --force

COPY --from=build /app/dist ./dist

# Writable data directory for the unprivileged user.
RUN mkdir -p /app/data && chown node:node /app/data

USER node

EXPOSE 3000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/health/live').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]

# The heap ceiling of npm start (package.json): see README, "Memory".
CMD ["node", "--max-old-space-size=1024", "dist/src/main.js"]
