# syntax=docker/dockerfile:1
# Nocturne: the standalone Next.js server in a small image (README "Deploying").
#
#   docker build -t nocturne:0.1.0 .
#   docker run -p 3000:3000 -e NOCTURNE_ALLOWED_ISSUERS=https://ehr.example.org/fhir ... nocturne:0.1.0
#
# Checked without Docker by tests/unit/deploy/dockerfile.test.ts (hadolint-style rules), and the tree it copies is
# built and run by tests/e2e/deploy.test.ts (scripts/lib/standalone.ts does the same copy as the runtime stage).

# --- 1. build: every dependency (TypeScript, tsx), then `npm run build`: next build (standalone) + compile hints ---
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- 2. runtime: the standalone server and the production packages it traced, nothing else -----------------------
FROM node:20.20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    NOCTURNE_LOG_FORMAT=json
# Code owned by root and read-only for the app user; only Next's cache directory is writable.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
RUN mkdir -p .next/cache && chown node:node .next/cache
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
