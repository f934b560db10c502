# syntax=docker/dockerfile:1
# The relay image: Node 22, production dependencies only, run as the image's non-root `node` user
# (uid 1000, as infra/k8s/base/deployment.yaml expects). From the repository root:
#   docker build -t status-recorder-relay:0.1.0 .
# Debian slim rather than Alpine: Node's official builds target glibc; musl builds are experimental.
FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: nothing the relay loads needs one (esbuild, which tsx runs, ships its binary as an
# optional per-platform package).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
# `status-recorder` on PATH, for the Deployment's command.
RUN chmod 0555 bin/status-recorder.js && ln -s /app/bin/status-recorder.js /usr/local/bin/status-recorder
USER node
# /healthz, /readyz and /metrics.
EXPOSE 9090
CMD ["node", "bin/status-recorder.js", "relay"]
