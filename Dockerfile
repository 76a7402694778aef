# contraforce-mcp: MCP over stdio by default; Streamable HTTP with `--http --host 0.0.0.0`.
# Build: docker build -t contraforce-mcp .

FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:22-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The image's unprivileged user; the server needs no file system access.
USER node
EXPOSE 3000
# With --http, point the orchestrator's liveness check at /healthz and readiness at /readyz.
ENTRYPOINT ["node", "dist/cli.js"]
