# image-drift-monitor container images (docs/DEPLOYMENT.md, "Build the images").
#
# From source (the build stage downloads the dependencies from Maven Central):
#   docker build -t image-drift-monitor:0.1.0 .                          the production image (default target)
#   docker build --target demo -t image-drift-monitor-demo:0.1.0 .       the demo image
# From jars built on the host with `mvn package` (no network and no Maven image needed):
#   docker build --target runtime-prebuilt -t image-drift-monitor:0.1.0 .
#   docker build --target demo-prebuilt -t image-drift-monitor-demo:0.1.0 .
#
# Build arguments:
#   RUNTIME_BASE       a JRE 17 image with a shell, groupadd and useradd (default eclipse-temurin:17-jre);
#                      scripts/container-check.sh uses one made from Debian packages
#   BUILD_BASE         Maven + JDK 17 for the build stage
#   INSTALL_TURBOJPEG  true (default): add libjpeg-turbo's Java binding from the base's apt packages
#                      (Debian and Ubuntu bases; needs their package mirror); false: leave it out
# Pin the base images by digest (name:tag@sha256:...) in your registry for reproducible builds.
#
# The stages that take prebuilt jars come before the build stage: a builder without BuildKit runs
# every stage up to its target, and must not need Maven Central for them. No `# syntax=` line: the
# builder's own Dockerfile frontend is used, with nothing to pull.

ARG RUNTIME_BASE=eclipse-temurin:17-jre
ARG BUILD_BASE=maven:3.9-eclipse-temurin-17

# ---- runtime-base: JRE 17, the non-root user, the production command
FROM ${RUNTIME_BASE} AS runtime-base
ARG INSTALL_TURBOJPEG=true
# A fixed uid/gid (10001) that the Kubernetes securityContext names too; no login, no home.
RUN groupadd --system --gid 10001 imagedrift \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin imagedrift \
 && mkdir -p /app /etc/imagedrift /var/lib/imagedrift/state \
 && chown 10001:10001 /var/lib/imagedrift/state
# Optional layer: libjpeg-turbo's Java binding. The monitor decodes JPEGs with it when
# /usr/share/java/turbojpeg.jar is present (the JDK's decoder otherwise); its loader wants the
# unversioned libturbojpeg.so, which only the -dev package provides.
RUN if [ "$INSTALL_TURBOJPEG" = true ]; then \
      apt-get update \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libturbojpeg-java libturbojpeg0-dev \
      && rm -rf /var/lib/apt/lists/* \
      && test -f /usr/share/java/turbojpeg.jar; \
    fi
USER 10001:10001
# /metrics, /healthz, /readyz
EXPOSE 9400
# State stores live in /var/lib/imagedrift/state: mount a volume there (docker run -v ...) to keep
# them across container restarts (no VOLUME line: it would leave anonymous volumes behind).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-jar", "/app/image-drift-monitor.jar"]
CMD ["run", "--config", "/etc/imagedrift/application.yaml"]

# ---- runtime-prebuilt: the production image from target/image-drift-monitor.jar
FROM runtime-base AS runtime-prebuilt
COPY target/image-drift-monitor.jar /app/image-drift-monitor.jar

# ---- demo-prebuilt: the tools jar (demo, bench, evaluate; photos inside) and the photos as files
FROM runtime-base AS demo-prebuilt
COPY target/image-drift-tools.jar /app/image-drift-tools.jar
COPY samples /samples
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-jar", "/app/image-drift-tools.jar"]
CMD ["demo"]

# ---- build: Maven + JDK 17 -> both jars
FROM ${BUILD_BASE} AS build
WORKDIR /src
COPY pom.xml .
COPY src/main ./src/main
# The tools jar bundles the photos for the demo.
COPY samples ./samples
# The cache mount keeps ~/.m2 between builds. maven.test.skip also skips compiling the tests,
# whose dependencies the jars do not need; the tests run in CI, not in the image build.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp package -Dmaven.test.skip=true

# ---- demo: as demo-prebuilt, from the build stage
FROM runtime-base AS demo
COPY --from=build /src/target/image-drift-tools.jar /app/image-drift-tools.jar
COPY samples /samples
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-jar", "/app/image-drift-tools.jar"]
CMD ["demo"]

# ---- runtime (the default target): the production image, from the build stage
FROM runtime-base AS runtime
COPY --from=build /src/target/image-drift-monitor.jar /app/image-drift-monitor.jar
