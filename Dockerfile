# syntax=docker/dockerfile:1
# IvrService images. Targets (the last one, primary, is the default):
#   docker build --target primary  -t ivrservice/primary .   the webhook app, JIT, on the aspnet runtime image
#   docker build --target fallback -t ivrservice/fallback .  the fallback app, Native AOT, on runtime-deps
#   docker build --target cli      -t ivrservice/cli .       the `ivr` tool (audio sync, number configure, call, phone)
#   docker build --target test .                             runs the whole test suite
# Layout after dotnet-docker's multi-project sample: project files first, so the restore layer stays cached until a
# csproj or the central props change. deploy/docker/healthz explains the health check.

# ---- restore + sources (runs on the build machine's architecture; publish cross-targets with -a) ----
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /source

COPY global.json Directory.*.props BannedSymbols.txt .editorconfig IvrService.sln ./
COPY src/IvrService.Twilio/IvrService.Twilio.csproj src/IvrService.Twilio/
COPY src/IvrService.Flow/IvrService.Flow.csproj src/IvrService.Flow/
COPY src/IvrService.Audio/IvrService.Audio.csproj src/IvrService.Audio/
COPY src/IvrService.Hosting/IvrService.Hosting.csproj src/IvrService.Hosting/
COPY src/IvrService.Voice/IvrService.Voice.csproj src/IvrService.Voice/
COPY src/IvrService.Primary/IvrService.Primary.csproj src/IvrService.Primary/
COPY src/IvrService.Fallback/IvrService.Fallback.csproj src/IvrService.Fallback/
COPY src/IvrService.Cli/IvrService.Cli.csproj src/IvrService.Cli/
COPY tests/Directory.Build.props tests/
COPY tests/IvrService.Testing/IvrService.Testing.csproj tests/IvrService.Testing/
COPY tests/IvrService.Twilio.Tests/IvrService.Twilio.Tests.csproj tests/IvrService.Twilio.Tests/
COPY tests/IvrService.Flow.Tests/IvrService.Flow.Tests.csproj tests/IvrService.Flow.Tests/
COPY tests/IvrService.Audio.Tests/IvrService.Audio.Tests.csproj tests/IvrService.Audio.Tests/
COPY tests/IvrService.Hosting.Tests/IvrService.Hosting.Tests.csproj tests/IvrService.Hosting.Tests/
COPY tests/IvrService.Voice.Tests/IvrService.Voice.Tests.csproj tests/IvrService.Voice.Tests/
COPY tests/IvrService.Primary.Tests/IvrService.Primary.Tests.csproj tests/IvrService.Primary.Tests/
COPY tests/IvrService.Fallback.Tests/IvrService.Fallback.Tests.csproj tests/IvrService.Fallback.Tests/
COPY tests/IvrService.Cli.Tests/IvrService.Cli.Tests.csproj tests/IvrService.Cli.Tests/
COPY tests/IvrService.EndToEnd.Tests/IvrService.EndToEnd.Tests.csproj tests/IvrService.EndToEnd.Tests/
COPY tests/IvrService.Telemetry.Tests/IvrService.Telemetry.Tests.csproj tests/IvrService.Telemetry.Tests/
COPY bench/IvrService.Bench.Baseline/IvrService.Bench.Baseline.csproj bench/IvrService.Bench.Baseline/
COPY bench/IvrService.Bench.AllocProfile/IvrService.Bench.AllocProfile.csproj bench/IvrService.Bench.AllocProfile/
COPY bench/IvrService.Bench.Signature/IvrService.Bench.Signature.csproj bench/IvrService.Bench.Signature/
COPY bench/IvrService.Bench.Sdk/IvrService.Bench.Sdk.csproj bench/IvrService.Bench.Sdk/
# The solution restore serves the test stage; the two -a restores add the target architecture's app host packs,
# so the publish stages below run with --no-restore.
RUN dotnet restore IvrService.sln \
 && dotnet restore src/IvrService.Primary/IvrService.Primary.csproj -a "$TARGETARCH" \
 && dotnet restore src/IvrService.Cli/IvrService.Cli.csproj -a "$TARGETARCH"

COPY src/ src/

# ---- test: docker build --target test . (fails the build when a test fails) ----
# The twilio npm oracle needs Node >= 20, newer than the distribution's nodejs, so node comes from the official image.
FROM --platform=$BUILDPLATFORM node:22-bookworm-slim AS node

FROM build AS test
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
# The Debian packages ./test.sh installs on a fresh machine (a test keeps the two lists equal): docker-compose and
# yamllint validate the compose file and every YAML file; chromium is the dev phone's browser test (Playwright
# drives it by path and never downloads a browser); redis-server and prometheus run as real servers on loopback;
# clang links the Native AOT publish that a test makes of the fallback.
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && apt-get update \
 && apt-get install -y --no-install-recommends docker-compose yamllint chromium redis-server prometheus clang \
 && rm -rf /var/lib/apt/lists/*
COPY . .
RUN dotnet test IvrService.sln --logger trx --results-directory /testresults

# ---- publish (framework-dependent, cross-targeted from the build machine) ----
FROM build AS publish-primary
ARG TARGETARCH
RUN dotnet publish src/IvrService.Primary/IvrService.Primary.csproj -c Release -a "$TARGETARCH" --no-restore -o /app \
 && rm -f /app/*.xml

FROM build AS publish-cli
ARG TARGETARCH
# Node lets the build embed Mermaid (npm ci in src/IvrService.Cli/Phone/ui), so `ivr phone` draws the flow diagram;
# without it the build still succeeds and the page shows the diagram as Mermaid text.
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && dotnet publish src/IvrService.Cli/IvrService.Cli.csproj -c Release -a "$TARGETARCH" --no-restore -o /app \
 && rm -f /app/*.xml

# ---- publish the fallback as Native AOT ----
# No --platform here on purpose: Native AOT compiles for the machine it runs on (clang links natively), so for a
# foreign architecture buildx runs this stage emulated instead of cross-compiling.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS publish-fallback
ARG TARGETARCH
RUN apt-get update \
 && apt-get install -y --no-install-recommends clang zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /source
COPY global.json Directory.*.props BannedSymbols.txt .editorconfig ./
COPY src/IvrService.Twilio/IvrService.Twilio.csproj src/IvrService.Twilio/
COPY src/IvrService.Flow/IvrService.Flow.csproj src/IvrService.Flow/
COPY src/IvrService.Hosting/IvrService.Hosting.csproj src/IvrService.Hosting/
COPY src/IvrService.Voice/IvrService.Voice.csproj src/IvrService.Voice/
COPY src/IvrService.Fallback/IvrService.Fallback.csproj src/IvrService.Fallback/
RUN dotnet restore src/IvrService.Fallback/IvrService.Fallback.csproj -a "$TARGETARCH"
COPY src/IvrService.Twilio/ src/IvrService.Twilio/
COPY src/IvrService.Flow/ src/IvrService.Flow/
COPY src/IvrService.Hosting/ src/IvrService.Hosting/
COPY src/IvrService.Voice/ src/IvrService.Voice/
COPY src/IvrService.Fallback/ src/IvrService.Fallback/
# The .dbg file holds the native symbols (twice the binary's size); keep it out of the image.
RUN dotnet publish src/IvrService.Fallback/IvrService.Fallback.csproj -c Release -a "$TARGETARCH" --no-restore -o /app \
 && rm -f /app/*.dbg /app/*.xml

# ---- cli: the `ivr` tool with the sample content at /content (compose seeds MinIO with it) ----
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS cli
WORKDIR /app
COPY --link --from=publish-cli /app .
COPY --link content/ /content/
USER $APP_UID
ENTRYPOINT ["./ivr"]

# ---- fallback: self-contained native binary, its own flow and prompts, nothing shared with the primary ----
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS fallback
WORKDIR /app
COPY --link --from=publish-fallback /app .
COPY --link content/ content/
COPY --link --chmod=0755 deploy/docker/healthz /usr/local/bin/healthz
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
USER $APP_UID
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 CMD ["healthz"]
ENTRYPOINT ["./IvrService.Fallback"]

# ---- primary (default target) ----
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS primary
WORKDIR /app
COPY --link --from=publish-primary /app .
COPY --link content/ content/
COPY --link --chmod=0755 deploy/docker/healthz /usr/local/bin/healthz
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
USER $APP_UID
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 CMD ["healthz"]
ENTRYPOINT ["./IvrService.Primary"]
