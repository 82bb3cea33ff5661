# syntax=docker/dockerfile:1
# image-drift-monitor container image.
#   docker build -t image-drift-monitor:0.1.0 .
# Pin both base images by digest (name:tag@sha256:...) in your registry for reproducible builds.

# ---- build: Maven + JDK 17 -> target/image-drift-monitor.jar (shaded, all dependencies)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY src/main ./src/main
# The cache mount keeps ~/.m2 between builds. maven.test.skip also skips compiling the tests,
# whose dependencies the jar does not need; the tests run in CI, not in the image build.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp package -Dmaven.test.skip=true

# ---- runtime: JRE 17 only, non-root
FROM eclipse-temurin:17-jre-noble
# A fixed uid/gid (10001) that the Kubernetes securityContext names too; no login, no home.
RUN groupadd --system --gid 10001 imagedrift \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin imagedrift \
 && mkdir -p /app /etc/imagedrift /var/lib/imagedrift/state \
 && chown 10001:10001 /var/lib/imagedrift/state
COPY --from=build /src/target/image-drift-monitor.jar /app/image-drift-monitor.jar
USER 10001:10001
# /metrics, /healthz, /readyz
EXPOSE 9400
# State stores live in /var/lib/imagedrift/state: mount a volume there (docker run -v ...) to keep
# them across container restarts (no VOLUME line: it would leave anonymous volumes behind).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-jar", "/app/image-drift-monitor.jar"]
CMD ["run", "--config", "/etc/imagedrift/application.yaml"]
