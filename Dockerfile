# syntax=docker/dockerfile:1
#
# One image for the whole newsroom. The entry point is
# `node -r ./tools/scripts/register-paths.cjs` (it maps the @newsroom/* libraries
# to dist/); the command picks what runs:
#
#   dist/apps/drafting/src/main.js            the drafting service          (PORT 3001)
#   dist/apps/editorial-review/src/main.js    the editorial-review service  (PORT 3002)
#   dist/apps/publishing/src/main.js          the publishing service        (PORT 3003)
#   dist/apps/notifications/src/main.js       the notifications service     (PORT 3004)
#   dist/apps/desk/src/main.js                the desk and its browser app  (PORT 3005)
#   dist/apps/<app>/src/migrate.js            one-shot migrations of one service's schema
#   dist/tools/kafka/provision-topics.js      one-shot topic provisioning
#                                             (reads KAFKA_BROKERS, KAFKA_REPLICATION_FACTOR)
#
#   docker build -t newsroom .
#   docker run --rm --env-file drafting.env -p 3001:3001 newsroom dist/apps/drafting/src/main.js
#
# Without a command the container prints this list and exits with status 64.

ARG NODE_IMAGE=node:20-bookworm-slim

# npm 11 honours the `allowScripts` policy in package.json (install scripts run
# only for the packages it approves); the npm bundled with Node 20 ignores it.
FROM ${NODE_IMAGE} AS npm
ARG NPM_VERSION=11.19.1
RUN npm install --global "npm@${NPM_VERSION}" && npm cache clean --force
WORKDIR /app

# Every dependency, for the TypeScript build.
FROM npm AS deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

# Runtime dependencies only (the embedded PostgreSQL of `npm start` is a dev
# dependency). Optional dependencies stay: the native builds of sharp (drafting's
# pictures) and @node-rs/argon2 (the desk's passwords) are optional packages, one
# per platform, and without them both services fail as they start.
FROM npm AS prod-deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

FROM deps AS build
COPY tsconfig.base.json tsconfig.build.json ./
COPY libs ./libs
COPY apps ./apps
COPY tools ./tools
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Files stay owned by root: the service user can read them but not change them.
COPY package.json tsconfig.base.json ./
COPY tools/scripts/register-paths.cjs ./tools/scripts/register-paths.cjs
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY apps/publishing/src/public ./apps/publishing/src/public
USER node
EXPOSE 3001 3002 3003 3004 3005
ENTRYPOINT ["node", "-r", "./tools/scripts/register-paths.cjs"]
CMD ["--eval", "console.error('Pass the entry to run, e.g. dist/apps/drafting/src/main.js, dist/apps/<app>/src/migrate.js or dist/tools/kafka/provision-topics.js'); process.exit(64)"]
