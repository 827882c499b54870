# Builds the analyzer and the demo executor from this repository (docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY conventions/package.json conventions/
COPY instrumentation/package.json instrumentation/
COPY analyzer-sidecar/package.json analyzer-sidecar/
COPY grafana-plugin/package.json grafana-plugin/
COPY test/package.json test/
RUN npm ci --no-audit --no-fund
COPY . .
# The standalone UI the analyzer serves at /ui (grafana-plugin/dist-standalone).
RUN npm run build -w instrumentation && npm run build -w analyzer-sidecar && npm run build:standalone -w grafana-plugin

FROM build AS analyzer
ENV NODE_ENV=production
EXPOSE 4319
ENTRYPOINT ["node", "analyzer-sidecar/dist/cli.js"]
CMD ["serve", "--port", "4319", "--data-dir", "/data"]

FROM build AS demo-executor
ENV NODE_ENV=production
EXPOSE 9464
ENTRYPOINT ["node", "instrumentation/dist-examples/cli.js"]
CMD ["--rate", "2", "--workflows", "5"]
