# syntax=docker/dockerfile:1
# The images of docker-compose.yml, one target each:
#   analyzer       the analyzer sidecar with the /ui bundle   docker build --target analyzer .
#   demo-executor  the instrumented demo executor             docker build --target demo-executor .
#   alert-webhook  the stack's stand-in Alertmanager receiver docker build --target alert-webhook .
# Node 24 (LTS, supported until 2028-04-30). The packages themselves keep running
# on Node >= 20.6 (their engines); the images only pick a supported runtime.
# Runtime stages hold production dependencies and compiled JavaScript only: no
# devDependencies, sources, source maps or type declarations; they run as `node`.
ARG NODE_IMAGE=node:24-bookworm-slim

# Every workspace's manifest, for the installs below (npm ci wants them all).
FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
COPY package.json package-lock.json ./
COPY conventions/package.json conventions/
COPY instrumentation/package.json instrumentation/
COPY analyzer-sidecar/package.json analyzer-sidecar/
COPY analyzer-sidecar/bin analyzer-sidecar/bin
COPY grafana-plugin/package.json grafana-plugin/
COPY test/package.json test/

# Build: all dependencies, dev included; compiles the analyzer (with conventions
# and instrumentation), the demo executor and the standalone UI.
FROM manifests AS build
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build -w analyzer-sidecar \
  && npm run build:standalone -w grafana-plugin \
  && find conventions/dist instrumentation/dist instrumentation/dist-examples analyzer-sidecar/dist \
    grafana-plugin/dist-standalone \( -name '*.map' -o -name '*.d.ts' \) -delete

# Production dependencies of one workspace, at the lockfile's versions.
FROM manifests AS production-manifests
COPY scripts/drop-workspace-dev-deps.js /tmp/
RUN node /tmp/drop-workspace-dev-deps.js

FROM production-manifests AS analyzer-deps
RUN npm ci --omit=dev --workspace analyzer-sidecar --ignore-scripts --no-audit --no-fund

FROM production-manifests AS demo-executor-deps
RUN npm ci --omit=dev --workspace instrumentation --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE} AS analyzer
ENV NODE_ENV=production
WORKDIR /app
COPY --from=analyzer-deps /app/node_modules node_modules
COPY --from=build /app/conventions/package.json conventions/
COPY --from=build /app/conventions/dist conventions/dist
COPY --from=build /app/analyzer-sidecar/package.json analyzer-sidecar/
COPY --from=build /app/analyzer-sidecar/bin analyzer-sidecar/bin
COPY --from=build /app/analyzer-sidecar/dist analyzer-sidecar/dist
# Where the analyzer looks for /ui by default (RPA_ANALYZER_UI_DIR overrides).
COPY --from=build /app/grafana-plugin/dist-standalone grafana-plugin/dist-standalone
# The data folder belongs to `node`; a fresh named volume takes this ownership. A volume
# written by an earlier image, which ran as root, needs it once:
#   docker compose run --rm --user root --entrypoint chown analyzer -R node:node /data
RUN mkdir /data && chown node:node /data
USER node
EXPOSE 4319
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=6 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.RPA_ANALYZER_PORT || 4319}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "analyzer-sidecar/dist/cli.js"]
CMD ["serve", "--port", "4319", "--data-dir", "/data"]

FROM ${NODE_IMAGE} AS demo-executor
ENV NODE_ENV=production
WORKDIR /app
COPY --from=demo-executor-deps /app/node_modules node_modules
COPY --from=build /app/conventions/package.json conventions/
COPY --from=build /app/conventions/dist conventions/dist
COPY --from=build /app/instrumentation/package.json instrumentation/
COPY --from=build /app/instrumentation/dist instrumentation/dist
COPY --from=build /app/instrumentation/dist-examples instrumentation/dist-examples
USER node
EXPOSE 9464
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=6 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.RPA_METRICS_PORT || 9464}/metrics`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "instrumentation/dist-examples/cli.js"]
CMD ["--rate", "2", "--workflows", "5"]

FROM ${NODE_IMAGE} AS alert-webhook
WORKDIR /app
COPY provisioning/alertmanager/webhook-receiver.js ./
USER node
EXPOSE 5001
HEALTHCHECK --interval=10s --timeout=5s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:5001/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "webhook-receiver.js"]
